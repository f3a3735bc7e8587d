package org.nmt4j.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nmt4j.io.Utf8LineReader;
import org.nmt4j.io.UserError;

/**
 * A parallel corpus as one TSV or CSV file (plain or {@code .gz}), source and target in two of its columns, read with
 * Commons CSV: fields may be quoted ({@code "..."}, with {@code ""} for a quote) and then hold tabs, commas and
 * newlines. A column is chosen by its header name (the first record is then the header) or by its 0-based index.
 */
public final class DelimitedCorpus {

    /** The two dialects: tab- or comma-separated, both with RFC 4180 quoting. */
    public enum Dialect {
        TSV('\t'), CSV(',');

        private final char delimiter;

        Dialect(char delimiter) {
            this.delimiter = delimiter;
        }

        /** TSV for {@code .tsv}/{@code .tsv.gz}, CSV for {@code .csv}/{@code .csv.gz}; null otherwise. */
        public static Dialect forFile(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
            if (name.endsWith(".tsv")) {
                return TSV;
            }
            return name.endsWith(".csv") ? CSV : null;
        }
    }

    private DelimitedCorpus() {
    }

    /**
     * @param sourceColumn header name, or a 0-based index when {@code header} is false
     * @param header whether the first record names the columns
     */
    public static List<SentencePair> read(Path file, Dialect dialect, boolean header, String sourceColumn,
                                          String targetColumn) {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(dialect.delimiter).get();
        try (Reader reader = open(file); CSVParser parser = CSVParser.parse(reader, format)) {
            List<SentencePair> pairs = new ArrayList<>();
            int sourceIndex = -1;
            int targetIndex = -1;
            long recordStartLine = 1;
            for (CSVRecord record : parser) {
                if (sourceIndex < 0) {
                    if (header) {
                        sourceIndex = columnByName(file, record, sourceColumn);
                        targetIndex = columnByName(file, record, targetColumn);
                        recordStartLine = parser.getCurrentLineNumber() + 1;
                        continue;
                    }
                    sourceIndex = columnByIndex(sourceColumn);
                    targetIndex = columnByIndex(targetColumn);
                }
                int needed = Math.max(sourceIndex, targetIndex) + 1;
                if (record.size() < needed) {
                    throw UserError.at(file, recordStartLine, "record has " + record.size() + " fields, column "
                            + (needed - 1) + " is needed");
                }
                pairs.add(new SentencePair(recordStartLine, record.get(sourceIndex), record.get(targetIndex)));
                recordStartLine = parser.getCurrentLineNumber() + 1;
            }
            return pairs;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UserError(file + ": malformed " + dialect.name() + " (" + firstLine(e) + ")");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + firstLine(e) + ")");
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * The file's characters as strict UTF-8 through {@link Utf8LineReader}, read once (a pipe can be): invalid
     * UTF-8 is reported on its line; line ends become {@code \n}.
     */
    private static Reader open(Path file) {
        Utf8LineReader lines = Utf8LineReader.open(file);
        return new Reader() {
            private String current = "";
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                while (at == current.length()) {
                    String line = lines.next();
                    if (line == null) {
                        return -1;
                    }
                    current = line + "\n";
                    at = 0;
                }
                int n = Math.min(length, current.length() - at);
                current.getChars(at, at + n, buffer, offset);
                at += n;
                return n;
            }

            @Override
            public void close() {
                lines.close();
            }
        };
    }

    private static int columnByName(Path file, CSVRecord header, String name) {
        for (int i = 0; i < header.size(); i++) {
            String field = header.get(i);
            if (i == 0 && field.startsWith("\uFEFF")) {
                field = field.substring(1);
            }
            if (field.equals(name)) {
                return i;
            }
        }
        throw UserError.at(file, 1, "no column named '" + name + "' in the header " + header.toList());
    }

    private static int columnByIndex(String column) {
        try {
            int index = Integer.parseInt(column.trim());
            if (index < 0) {
                throw new NumberFormatException();
            }
            return index;
        } catch (NumberFormatException e) {
            throw new UserError("column '" + column + "' is not a 0-based index; name columns only in a file with a "
                    + "header row");
        }
    }
}
