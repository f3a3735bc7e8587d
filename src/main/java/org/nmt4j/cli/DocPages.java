package org.nmt4j.cli;

import java.util.Map;
import java.util.function.Function;

import picocli.CommandLine;

/** Which page of {@code docs/} documents each command; every command's {@code --help} ends with a pointer to it. */
public final class DocPages {

    /** The page of each command by its qualified name without {@code nmt4j }. */
    static final Map<String, String> PAGES = Map.ofEntries(
            Map.entry("", "README.md"),
            Map.entry("train", "training.md"), Map.entry("prepare", "training.md"),
            Map.entry("average", "training.md"), Map.entry("translate", "translating.md"),
            Map.entry("shortlist", "translating.md"), Map.entry("align", "alignment.md"),
            Map.entry("evaluate-alignment", "alignment.md"), Map.entry("evaluate-markup", "markup.md"), Map.entry("lexalign", "alignment.md"),
            Map.entry("evaluate", "evaluation.md"), Map.entry("evaluate-confidence", "translating.md"),
            Map.entry("evaluate-terminology", "translating.md"),
            Map.entry("tokenize", "text-tools.md"), Map.entry("detokenize", "text-tools.md"),
            Map.entry("bpe", "text-tools.md"), Map.entry("bpe learn", "text-tools.md"),
            Map.entry("bpe apply", "text-tools.md"), Map.entry("vocab", "text-tools.md"),
            Map.entry("serve", "serving.md"), Map.entry("bench", "performance.md"));

    private DocPages() {
    }

    /** The page for a command: its own, else its parent's (a benchmark's is the performance page). */
    static String page(String command) {
        for (String name = command; ; name = name.substring(0, Math.max(0, name.lastIndexOf(' ')))) {
            String page = PAGES.get(name);
            if (page != null) {
                return page;
            }
            if (name.isEmpty()) {
                return "README.md";
            }
        }
    }

    /**
     * Ends the help of {@code commandLine} and of all its subcommands with {@code Documentation: docs/PAGE}, the page
     * {@code pageOf} names for a command's qualified name without its first word.
     */
    public static void addFooters(CommandLine commandLine, Function<String, String> pageOf) {
        String qualified = commandLine.getCommandSpec().qualifiedName();
        int space = qualified.indexOf(' ');
        String name = space < 0 ? "" : qualified.substring(space + 1);
        commandLine.getCommandSpec().usageMessage().footer("", "Documentation: docs/" + pageOf.apply(name));
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            addFooters(sub, pageOf);
        }
    }

    /** Adds the footers of nmt4j's own commands. */
    static void addFooters(CommandLine commandLine) {
        addFooters(commandLine, DocPages::page);
    }
}
