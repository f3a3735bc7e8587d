package org.nmt4j.translate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;

/**
 * The streaming loop of {@code nmt4j translate} and {@code nmt4j align}: reads an input (or two aligned inputs, line
 * by line) a chunk at a time, hands each chunk with the index of its first line to a job that translates or aligns
 * it and writes the results, and sizes the next chunk from the pace of the last ({@link ChunkSize}). Memory holds one
 * chunk, whatever the input's length.
 */
public final class ChunkedStream {

    /** The work on one chunk: its lines (second: the other input's lines, for pairs), the first one's index. */
    public interface Job {
        void run(List<String> lines, List<String> second, long first) throws IOException;
    }

    private ChunkedStream() {
    }

    /** Streams every line of input through the job; the number of lines. */
    public static long lines(Utf8LineReader input, ChunkSize chunks, Job job) throws IOException {
        List<String> lines = new ArrayList<>();
        long first = 0;
        for (String line = input.next(); line != null; line = input.next()) {
            lines.add(line);
            if (lines.size() == chunks.lines()) {
                first = run(job, lines, null, first, chunks);
            }
        }
        return run(job, lines, null, first, chunks);
    }

    /**
     * Streams two inputs of the same length through the job, their lines side by side; the number of pairs. Inputs of
     * different lengths are a one-line error naming both files and their lengths (after the pairs before the end of
     * the shorter one have been handed on).
     */
    public static long pairs(Utf8LineReader sources, Utf8LineReader targets, ChunkSize chunks, Job job)
            throws IOException {
        List<String> sourceLines = new ArrayList<>();
        List<String> targetLines = new ArrayList<>();
        long first = 0;
        long pairs = 0;
        while (true) {
            String s = sources.next();
            String t = targets.next();
            if (s == null || t == null) {
                if (s != null || t != null) {
                    throw mismatch(pairs, sources, targets, s == null ? targets : sources);
                }
                break;
            }
            pairs++;
            sourceLines.add(s);
            targetLines.add(t);
            if (sourceLines.size() == chunks.lines()) {
                first = run(job, sourceLines, targetLines, first, chunks);
            }
        }
        return run(job, sourceLines, targetLines, first, chunks);
    }

    // runs a chunk, times it and forgets its lines; the index of the next chunk's first line
    private static long run(Job job, List<String> lines, List<String> second, long first, ChunkSize chunks)
            throws IOException {
        int count = lines.size();
        long started = System.nanoTime();
        job.run(lines, second, first);
        chunks.took(count, (System.nanoTime() - started) / 1e9);
        lines.clear();
        if (second != null) {
            second.clear();
        }
        return first + count;
    }

    // the inputs differ in length: count the rest of the longer one for the message
    private static UserError mismatch(long pairs, Utf8LineReader sources, Utf8LineReader targets,
                                      Utf8LineReader longer) {
        long lines = pairs + 1 + longer.skipRest();
        boolean sourceLonger = longer == sources;
        return new UserError(sources.file() + " has " + (sourceLonger ? lines : pairs) + " lines but "
                + targets.file() + " has " + (sourceLonger ? pairs : lines));
    }
}
