package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.config.ServeConfig;

import picocli.CommandLine;

/**
 * Keeps the documentation honest: every {@code scripts/nmt4j} command line of README.md and docs/*.md parses with
 * the real command line, every key of the configuration reference exists and every key exists there, every relative
 * link resolves, and every command's help names a page that exists.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        Set<String> experimentKeys = experimentKeys();
        List<String> problems = new ArrayList<>();
        int parsed = 0;
        for (Path page : pages()) {
            for (DocCommands.Line line : DocCommands.commandLines(page)) {
                String problem = parse(line.args(), experimentKeys);
                if (problem != null) {
                    problems.add(ROOT.relativize(page) + ":" + line.number() + ": " + problem + "\n    "
                            + String.join(" ", line.args()));
                }
                parsed++;
            }
        }
        assertTrue(parsed > 50, "found only " + parsed + " command lines in the docs");
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void aRenamedOptionFailsTheCheck() {
        assertEquals(null, parse(List.of("translate", "-m", "models/x", "--beam", "5", "a sentence"), Set.of()));
        assertTrue(parse(List.of("translate", "-m", "models/x", "--beam-size", "5"), Set.of()).contains("--beam-size"));
        assertTrue(parse(List.of("align", "-m", "models/x", "--src", "a"), Set.of()).contains("--tgt"));
        assertTrue(parse(List.of("train", "-c", "x.yaml", "--set", "training.max_stepz=1"),
                Set.of("training.max_steps")).contains("training.max_stepz"));
    }

    @Test
    void theConfigurationReferenceListsExactlyTheConfigKeys() throws IOException {
        Map<String, Set<String>> documented = DocCommands.referenceKeys(ROOT.resolve("docs/configuration.md"));
        Set<String> experiment = new TreeSet<>();
        documented.forEach((section, keys) -> {
            if (!section.equals("Server settings")) {
                experiment.addAll(keys);
            }
        });
        assertEquals(experimentKeys(), experiment, "docs/configuration.md against the experiment config's keys");
        Set<String> serve = new TreeSet<>();
        for (var component : ServeConfig.class.getRecordComponents()) {
            serve.add(component.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
        }
        assertEquals(serve, documented.get("Server settings"), "docs/configuration.md against the server's keys");
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            broken.addAll(DocCommands.brokenLinks(page));
        }
        Path changelog = ROOT.resolve("CHANGELOG.md");
        assertTrue(Files.isRegularFile(changelog), "CHANGELOG.md");
        broken.addAll(DocCommands.brokenLinks(changelog));
        assertEquals(List.of(), broken, String.join("\n", broken));
    }

    @Test
    void everyCommandsHelpEndsWithItsPage() {
        List<String> missing = new ArrayList<>();
        checkFooters(Main.commandLine(), missing);
        CommandLine spark = sparkCommandLine();
        if (spark != null) {
            checkFooters(spark, missing);
        }
        assertEquals(List.of(), missing);
    }

    private static void checkFooters(CommandLine commandLine, List<String> missing) {
        String usage = commandLine.getUsageMessage().stripTrailing();
        String last = usage.substring(usage.lastIndexOf('\n') + 1);
        if (!last.startsWith("Documentation: docs/")
                || !Files.isRegularFile(ROOT.resolve(last.substring("Documentation: ".length())))) {
            missing.add(commandLine.getCommandSpec().qualifiedName() + ": " + last);
        }
        commandLine.getSubcommands().values().forEach(sub -> checkFooters(sub, missing));
    }

    /** Null if the arguments parse (and every {@code --set} key exists), else what is wrong. */
    private static String parse(List<String> args, Set<String> experimentKeys) {
        CommandLine commandLine;
        List<String> rest = args;
        if (!args.isEmpty() && args.get(0).equals("spark")) {
            commandLine = sparkCommandLine();
            if (commandLine == null) {
                return null; // checked where the Spark profile is built (CI builds it)
            }
            rest = args.subList(1, args.size());
        } else {
            commandLine = Main.commandLine();
        }
        try {
            commandLine.parseArgs(rest.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
        for (int i = 0; i < rest.size(); i++) {
            String set = rest.get(i).equals("--set") && i + 1 < rest.size() ? rest.get(i + 1)
                    : rest.get(i).startsWith("--set=") ? rest.get(i).substring(6) : null;
            if (set != null && !experimentKeys.isEmpty()) {
                String key = set.substring(0, Math.max(0, set.indexOf('=')));
                if (!experimentKeys.contains(key)) {
                    return "--set " + key + ": no such config key";
                }
            }
        }
        return null;
    }

    private static CommandLine sparkCommandLine() {
        try {
            return (CommandLine) Class.forName("org.nmt4j.spark.cli.SparkCli").getMethod("commandLine").invoke(null);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** README.md and docs/*.md. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Every key of an experiment's config: those a full config reads, and {@code data.train}, its alternative. */
    static Set<String> experimentKeys() {
        ExperimentConfig config = ExperimentConfig.parse("docs", """
                name: x
                data: {train_source: data/train.de, train_target: data/train.en,
                       valid_source: data/valid.de, valid_target: data/valid.en}
                preprocessing: {source_language: de, target_language: en}
                """);
        Set<String> keys = new TreeSet<>();
        flatten("", new org.yaml.snakeyaml.Yaml().load(config.yaml()), keys);
        keys.add("data.train");
        if (keys.size() < 40) {
            fail("the effective config has only " + keys);
        }
        return keys;
    }

    private static void flatten(String prefix, Object value, Set<String> keys) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, keys));
        } else {
            keys.add(prefix);
        }
    }
}
