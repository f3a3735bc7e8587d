package org.nmt4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packages' layers, checked on the compiled classes: each package may use only the nmt4j packages its
 * {@code package-info.java} names on its "May use:" line (the same list is here, and a test holds the two together),
 * and the top-level packages have no cycle. A violation names the class, the member and the dependency.
 */
class ArchitectureTest {

    private static final String ROOT = "org.nmt4j.";

    /** What each package may use, bottom to top; a package not listed here is a test failure. */
    static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("io", List.of());
        MAY_USE.put("compute", List.of());
        MAY_USE.put("text", List.of("io"));
        MAY_USE.put("data", List.of("text", "io"));
        MAY_USE.put("eval", List.of("text", "io"));
        MAY_USE.put("config", List.of("text", "io"));
        MAY_USE.put("model", List.of("config", "text", "compute", "io", "model.search", "model.attention",
                "model.cell"));
        MAY_USE.put("model.search", List.of("model", "config", "compute", "io", "model.attention"));
        MAY_USE.put("model.attention", List.of("model", "model.search", "compute"));
        MAY_USE.put("model.cell", List.of("model", "model.search", "compute"));
        MAY_USE.put("model.io", List.of("model", "config", "text", "io"));
        MAY_USE.put("translate", List.of("model", "model.search", "model.io", "config", "text", "data", "compute",
                "io"));
        MAY_USE.put("align.lexical", List.of("data", "compute", "io"));
        MAY_USE.put("align", List.of("translate", "model", "config", "text", "data", "compute", "io",
                "align.lexical"));
        MAY_USE.put("markup", List.of("translate", "align", "text", "io"));
        MAY_USE.put("train", List.of("config", "data", "text", "model", "model.io", "compute", "translate", "eval",
                "align", "align.lexical", "io"));
        MAY_USE.put("serve", List.of("translate", "align", "align.lexical", "markup", "config", "model.io", "compute",
                "text", "io"));
        MAY_USE.put("cli", List.of("io", "compute", "text", "data", "eval", "config", "model.io", "translate",
                "align", "align.lexical", "markup", "train", "serve", "cli.bench"));
        MAY_USE.put("cli.bench", List.of("cli", "io", "compute", "text", "data", "eval", "config", "translate",
                "align", "train", "serve"));
        MAY_USE.put("spark", List.of("io", "compute", "config", "model.io", "translate", "align", "align.lexical",
                "markup", "spark.cli"));
        MAY_USE.put("spark.cli", List.of("io", "config", "cli", "train", "spark", "spark.train"));
        MAY_USE.put("spark.train", List.of("io", "compute", "config", "text", "model", "train"));
        MAY_USE.put("spark.ml", List.of("io", "config", "train", "spark", "spark.train"));
    }

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.nmt4j");

    static List<String> packages() {
        return List.copyOf(MAY_USE.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void aPackageUsesOnlyWhatItsLayerMayUse(String name) {
        Set<String> allowed = new TreeSet<>(MAY_USE.get(name));
        allowed.add(name);
        String[] forbidden = MAY_USE.keySet().stream().filter(p -> !allowed.contains(p)).map(p -> ROOT + p)
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(ROOT + name).should().dependOnClassesThat()
                .resideInAnyPackage(forbidden).because("package-info.java of " + ROOT + name + " says what it may use")
                .allowEmptyShould(name.startsWith("spark")) // the spark profile's classes may not be built
                .check(CLASSES);
    }

    /** In {@code model}, only the variant interfaces name search classes (each variant's search half). */
    @Test
    void onlyTheVariantInterfacesOfTheModelNameSearchClasses() {
        noClasses().that().resideInAPackage(ROOT + "model").and().doNotBelongToAnyOf(
                org.nmt4j.model.AttentionKind.class, org.nmt4j.model.CellKind.class).should().dependOnClassesThat()
                .resideInAPackage(ROOT + "model.search").check(CLASSES);
    }

    /**
     * The variant rooms ({@code model.attention}, {@code model.cell}) are reached from the rest of the model only
     * through their registries (and the attention's local window), and do not use each other.
     */
    @Test
    void theVariantRoomsAreReachedOnlyThroughTheirRegistries() {
        noClasses().that().resideInAnyPackage(ROOT + "model", ROOT + "model.search").should().dependOnClassesThat(
                DescribedPredicate.and(JavaClass.Predicates.resideInAnyPackage(ROOT + "model.attention",
                        ROOT + "model.cell"), DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                        org.nmt4j.model.attention.AttentionKinds.class, org.nmt4j.model.attention.LocalWindow.class,
                        org.nmt4j.model.cell.CellKinds.class)))).check(CLASSES);
        noClasses().that().resideInAPackage(ROOT + "model.attention").should().dependOnClassesThat()
                .resideInAPackage(ROOT + "model.cell").check(CLASSES);
        noClasses().that().resideInAPackage(ROOT + "model.cell").should().dependOnClassesThat()
                .resideInAPackage(ROOT + "model.attention").check(CLASSES);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("org.nmt4j.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void everyPackageIsInTheLayersAndNoClassIsInTheRoot() {
        Set<String> found = new TreeSet<>();
        CLASSES.forEach(c -> found.add(c.getPackageName()));
        Set<String> listed = new TreeSet<>();
        MAY_USE.keySet().forEach(p -> listed.add(ROOT + p));
        found.removeIf(p -> p.startsWith(ROOT + "spark") && !listed.contains(p));
        listed.removeIf(p -> p.startsWith(ROOT + "spark") && !found.contains(p));
        assertEquals(listed, found);
    }

    /** Each package-info.java's "May use:" line names what the rules above allow, no more and no less. */
    @Test
    void packageInfosSayWhatTheRulesCheck() throws IOException {
        Pattern code = Pattern.compile("\\{@code ([a-z][a-z.]*)\\}");
        for (String name : MAY_USE.keySet()) {
            String folder = name.replace('.', '/');
            Path info = Path.of("src/main/java/org/nmt4j", folder, "package-info.java");
            if (!Files.exists(info)) {
                info = Path.of("src/spark/java/org/nmt4j", folder, "package-info.java");
            }
            if (!Files.exists(info)) {
                continue; // a spark package without the spark sources here
            }
            String text = Files.readString(info);
            int at = text.indexOf("May use:");
            if (at < 0) {
                throw new AssertionError(info + ": no \"May use:\" line");
            }
            String line = text.substring(at, text.indexOf("*/", at));
            Set<String> named = new TreeSet<>();
            if (!line.contains("nothing in nmt4j")) {
                Matcher m = code.matcher(line);
                while (m.find()) {
                    if (MAY_USE.containsKey(m.group(1))) {
                        named.add(m.group(1));
                    }
                }
            }
            assertEquals(new TreeSet<>(MAY_USE.get(name)), named, info.toString());
        }
    }
}
