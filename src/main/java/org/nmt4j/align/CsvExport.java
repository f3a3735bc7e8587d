package org.nmt4j.align;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.nmt4j.AtomicFile;

/**
 * Every attention weight of a corpus in long format, one row per (sentence, target token, source token), with a
 * header: {@code sentence,target_index,target_token,source_index,source_token,weight} (0-based indices, sentence
 * numbers from 1 as line numbers are).
 */
public final class CsvExport {

    public static final String[] HEADER = {"sentence", "target_index", "target_token", "source_index",
        "source_token", "weight"};

    private CsvExport() {
    }

    public static void write(Path file, List<AlignmentMatrix> matrices) throws IOException {
        AtomicFile.writeText(file, out -> {
            CSVPrinter csv = printer(out);
            for (int n = 0; n < matrices.size(); n++) {
                print(csv, n + 1, matrices.get(n));
            }
            csv.flush();
        });
    }

    /** One sentence's rows, with the header, as text (the server's download). */
    public static String csv(AlignmentMatrix m) {
        StringBuilder out = new StringBuilder();
        try {
            CSVPrinter csv = printer(out);
            print(csv, 1, m);
            csv.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** A printer that has written the header. */
    static CSVPrinter printer(Appendable out) throws IOException {
        return new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
    }

    /** The rows of sentence n (from 1). */
    static void print(CSVPrinter csv, int n, AlignmentMatrix m) throws IOException {
        for (int t = 0; t < m.targetTokens().size(); t++) {
            for (int s = 0; s < m.sourceTokens().size(); s++) {
                csv.printRecord(n, t, m.targetTokens().get(t), s, m.sourceTokens().get(s),
                        String.format(java.util.Locale.ROOT, "%.6g", m.weights()[t][s]));
            }
        }
    }
}
