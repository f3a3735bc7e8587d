package org.nmt4j.align;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.nmt4j.io.AtomicFile;

/**
 * Every attention weight of a corpus in long format, one row per (sentence, target token, source token), with a
 * header: {@code sentence,target_index,target_token,source_index,source_token,weight} (0-based indices, sentence
 * numbers from 1 as line numbers are).
 */
public final class CsvExport {

    public static final String[] HEADER = {"sentence", "target_index", "target_token", "source_index",
        "source_token", "weight"};

    /** With {@code --heads all}: which matrix a row is of, {@code mean} or the head's number from 0. */
    public static final String[] HEADER_WITH_HEADS = {"sentence", "head", "target_index", "target_token",
        "source_index", "source_token", "weight"};

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
        return printer(out, false);
    }

    /** A printer that has written the header, with the head column or without. */
    static CSVPrinter printer(Appendable out, boolean heads) throws IOException {
        return new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(heads ? HEADER_WITH_HEADS : HEADER).build());
    }

    /** The rows of sentence n (from 1). */
    static void print(CSVPrinter csv, int n, AlignmentMatrix m) throws IOException {
        print(csv, n, null, m);
    }

    /** The rows of sentence n (from 1), of the given head ({@code mean}, 0, 1, …), or without a head column. */
    static void print(CSVPrinter csv, int n, String head, AlignmentMatrix m) throws IOException {
        for (int t = 0; t < m.targetTokens().size(); t++) {
            for (int s = 0; s < m.sourceTokens().size(); s++) {
                String weight = String.format(java.util.Locale.ROOT, "%.6g", m.weights()[t][s]);
                if (head == null) {
                    csv.printRecord(n, t, m.targetTokens().get(t), s, m.sourceTokens().get(s), weight);
                } else {
                    csv.printRecord(n, head, t, m.targetTokens().get(t), s, m.sourceTokens().get(s), weight);
                }
            }
        }
    }
}
