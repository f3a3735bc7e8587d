package org.nmt4j.markup;

/** Malformed markup in a line: what is wrong, and at which character (from 1). */
public final class MarkupException extends IllegalArgumentException {

    private final int column;

    public MarkupException(String problem, int column) {
        this(column, "column " + column + ": " + problem);
    }

    private MarkupException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** The same problem, said to be on line (from 1) of several. */
    public MarkupException atLine(int line) {
        return new MarkupException(column, "line " + line + ", " + getMessage());
    }

    /** The character (from 1) where the problem is. */
    public int column() {
        return column;
    }
}
