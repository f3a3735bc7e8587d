package org.nmt4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.nmt4j.io.AtomicFile;
import org.nmt4j.io.UserError;
import org.nmt4j.io.Utf8LineReader;

/**
 * Line-by-line filters over files or standard streams, as the text commands use them: read UTF-8 lines (from a file
 * or stdin), write one output line per input line (to a file, written atomically, or stdout).
 */
final class TextFiles {

    private TextFiles() {
    }

    /** Every line of a small file (plain or .gz), for commands that score a test set. */
    static List<String> readLines(Path file) {
        try (Utf8LineReader reader = Utf8LineReader.open(file)) {
            return reader.readAll();
        }
    }

    static Utf8LineReader openInput(Path input) {
        return input == null ? Utf8LineReader.stdin() : Utf8LineReader.open(input);
    }

    /** Maps every input line to one output line. */
    static void mapLines(Path input, Path output, Function<String, String> map) {
        try (Utf8LineReader reader = openInput(input)) {
            writeAtomically(output, out -> {
                for (String line = reader.next(); line != null; line = reader.next()) {
                    out.write(map.apply(line));
                    out.write('\n');
                }
            });
        }
    }

    /** Writes to a temporary file beside {@code output}, then renames it; to stdout when output is null. */
    static void writeAtomically(Path output, AtomicFile.Text content) {
        try {
            if (output == null) {
                Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                content.writeTo(out);
                out.flush();
                return;
            }
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            AtomicFile.writeText(output, content);
        } catch (IOException | UncheckedIOException e) {
            throw new UserError((output == null ? "<stdout>" : output.toString()) + ": cannot write (" + e.getMessage()
                    + ")");
        }
    }
}
