package org.nmt4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Markdown pages for {@link DocumentationTest}: command lines, the configuration reference's keys, links. */
final class DocCommands {

    /** The arguments after {@code scripts/nmt4j} of one command line, and the page line it starts on. */
    record Line(int number, List<String> args) {
    }

    private static final String LAUNCHER = "scripts/nmt4j";
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    private DocCommands() {
    }

    /**
     * Every {@code scripts/nmt4j ...} command of a page: in shell code blocks (continued lines joined, comments
     * dropped, a pipeline or list cut into its commands) and in inline code.
     */
    static List<Line> commandLines(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Line> found = new ArrayList<>();
        boolean inShell = false;
        boolean inOther = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                if (inShell || inOther) {
                    inShell = inOther = false;
                } else {
                    String lang = trimmed.substring(3).strip();
                    inShell = lang.equals("bash") || lang.equals("sh") || lang.equals("shell");
                    inOther = !inShell;
                }
                continue;
            }
            if (inOther) {
                continue;
            }
            if (inShell) {
                int start = i;
                StringBuilder logical = new StringBuilder(line);
                while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
                    logical.setLength(logical.length() - 1);
                    logical.append(' ').append(lines.get(++i).strip());
                }
                for (List<String> command : commands(logical.toString())) {
                    found.add(new Line(start + 1, command));
                }
            } else {
                Matcher m = INLINE_CODE.matcher(line);
                while (m.find()) {
                    String code = m.group(1).replace("\\|", "|");
                    if (code.startsWith(LAUNCHER + " ") || code.startsWith("time " + LAUNCHER + " ")) {
                        for (List<String> command : commands(code)) {
                            found.add(new Line(i + 1, command));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The arguments of each nmt4j command in a shell line. */
    static List<List<String>> commands(String shellLine) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean wordStarted = false;
        boolean skipNext = false; // the target of a redirection
        for (int i = 0; i <= shellLine.length(); i++) {
            char c = i < shellLine.length() ? shellLine.charAt(i) : '\n';
            if (c == '\'' || c == '"') {
                int end = shellLine.indexOf(c, i + 1);
                if (end < 0) {
                    end = shellLine.length();
                }
                word.append(shellLine, i + 1, end);
                wordStarted = true;
                i = end;
            } else if (c == '<' && i + 1 < shellLine.length() && shellLine.charAt(i + 1) == '(') {
                int end = shellLine.indexOf(')', i);
                word.append(shellLine, i, end < 0 ? shellLine.length() : end + 1); // process substitution: a file
                wordStarted = true;
                i = end < 0 ? shellLine.length() : end;
            } else if (c == '#' && !wordStarted) {
                i = shellLine.length() - 1; // a comment to the end of the line
            } else if (Character.isWhitespace(c) || c == '|' || c == ';' || c == '&' || c == '>' || c == '<') {
                if (wordStarted) {
                    if (skipNext) {
                        skipNext = false;
                    } else {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    wordStarted = false;
                }
                if (c == '>' || c == '<') {
                    skipNext = true;
                } else if (c == '|' || c == ';' || c == '&' || c == '\n') {
                    addCommand(words, commands);
                    words = new ArrayList<>();
                }
            } else {
                word.append(c);
                wordStarted = true;
            }
        }
        return commands;
    }

    private static void addCommand(List<String> words, List<List<String>> commands) {
        int launcher = words.indexOf(LAUNCHER);
        if (launcher >= 0) {
            commands.add(List.copyOf(words.subList(launcher + 1, words.size())));
        }
    }

    /** The keys in the first column of the configuration reference's tables, by the heading above each table. */
    static Map<String, Set<String>> referenceKeys(Path page) throws IOException {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        String heading = "";
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("## ")) {
                heading = line.substring(3).strip();
            } else if (line.startsWith("| `")) {
                String cell = line.substring(1, line.indexOf('|', 1)).strip();
                Matcher m = INLINE_CODE.matcher(cell);
                while (m.find()) {
                    keys.computeIfAbsent(heading, h -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
        return keys;
    }

    /** The relative links (and pictures) of a page whose file or heading does not exist. */
    static List<String> brokenLinks(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        List<String> lines = Files.readAllLines(page);
        boolean inCode = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher m = LINK.matcher(inCode ? "" : lines.get(i));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = page.getFileName() + ":" + (i + 1) + ": " + target;
                if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        return broken;
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase();
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
