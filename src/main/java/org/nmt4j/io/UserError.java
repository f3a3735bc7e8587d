package org.nmt4j.io;

/**
 * A problem the user can fix: bad input, a bad option, a missing or incompatible file. The message is one line that
 * names the file, line, key or value at fault. The command line prints it to stderr and exits non-zero; anything else
 * that escapes is a bug.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error about one line of one file: {@code file:line: problem}. */
    public static UserError at(java.nio.file.Path file, long line, String problem) {
        return new UserError(file + ":" + line + ": " + problem);
    }
}
