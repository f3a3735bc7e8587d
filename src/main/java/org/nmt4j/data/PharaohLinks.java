package org.nmt4j.data;

import java.io.Closeable;
import java.nio.file.Path;

import org.nmt4j.io.Utf8LineReader;
import org.nmt4j.io.UserError;

/**
 * A file of Pharaoh links read a line per sentence pair ({@code i-j}: source token i with target token j, from 0),
 * each line checked against its pair's lengths: a malformed link, a link outside the pair, or a file shorter or
 * longer than the corpus is a one-line error naming the file and line.
 */
public final class PharaohLinks implements Closeable {

    private final Path file;
    private final Utf8LineReader reader;
    private long line;

    public PharaohLinks(Path file) {
        this.file = file;
        this.reader = Utf8LineReader.open(file);
    }

    /** The next pair's links, flattened {@code [i, j, i, j, ...]}, checked against its token counts. */
    public int[] next(int sourceTokens, int targetTokens) {
        String text = reader.next();
        line++;
        if (text == null) {
            throw new UserError(file + ": has " + (line - 1) + " lines, fewer than the training corpus's pairs");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        String[] links = trimmed.split("\\s+");
        int[] out = new int[2 * links.length];
        for (int k = 0; k < links.length; k++) {
            String link = links[k];
            int dash = link.indexOf('-');
            int i;
            int j;
            try {
                i = Integer.parseInt(link.substring(0, Math.max(0, dash)));
                j = Integer.parseInt(link.substring(dash + 1));
            } catch (NumberFormatException e) {
                throw new UserError(file + ":" + line + ": '" + link + "' is not a link (i-j, source first)");
            }
            if (i < 0 || j < 0 || i >= sourceTokens || j >= targetTokens) {
                throw new UserError(file + ":" + line + ": link " + link + " is outside the pair (" + sourceTokens
                        + " source and " + targetTokens + " target tokens)");
            }
            out[2 * k] = i;
            out[2 * k + 1] = j;
        }
        return out;
    }

    /** After the corpus's last pair: a file with more lines is an error. */
    public void finish() {
        if (reader.next() != null) {
            throw new UserError(file + ": has more lines than the training corpus's " + line + " pairs");
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
