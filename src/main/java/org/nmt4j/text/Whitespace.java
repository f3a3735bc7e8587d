package org.nmt4j.text;

/**
 * What counts as a space between tokens: Java's whitespace plus the no-break spaces ({@code Character.isSpaceChar})
 * and NEL, the same set as Python's {@code str.split()}, so that nmt4j and Python tools split lines alike.
 */
public final class Whitespace {

    private Whitespace() {
    }

    public static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85;
    }

    /** Splits on runs of spaces, dropping empty pieces (Python's {@code str.split()} with no argument). */
    public static java.util.List<String> split(String s) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && !isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            parts.add(s.substring(start, i));
        }
        return parts;
    }

    /** Trims and collapses every run of spaces to one ASCII space. */
    public static String normalize(String s) {
        return String.join(" ", split(s));
    }
}
