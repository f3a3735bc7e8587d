package org.nmt4j.align;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVPrinter;
import org.nmt4j.io.AtomicFile;
import org.nmt4j.translate.WordScores;

/**
 * Writes a corpus's alignments into a folder in the chosen formats: {@code alignments.csv} (long format),
 * {@code json/N.json}, {@code png/N.png} and {@code svg/N.svg} per sentence (N from 1, as line numbers), and an
 * {@code index.html} that shows each sentence pair with its picture. With attention heads ({@code --heads all}),
 * each head too: a {@code head} column in the CSV file ({@code mean}, then 0, 1, …), {@code "heads"} in the JSON,
 * {@code png/N.headK.png} and {@code svg/N.headK.svg} pictures on the page, and each head's links in
 * {@code links.headK.txt} (Pharaoh, one line per sentence, for {@code evaluate-alignment}). It streams: each sentence is written when it
 * is {@link #add added}, and nothing of it is kept; {@link #finish} puts the CSV file and the page in place.
 */
public final class AlignmentExport implements Closeable {

    public static final Set<String> FORMATS = Set.of("csv", "json", "png", "svg", "html");

    private final Path folder;
    private final Set<String> formats;
    private final AtomicFile.Pending csvFile;
    private final CSVPrinter csv;
    private final AtomicFile.Pending page;
    private final String picture;
    private final int heads;
    private final Function<AlignmentMatrix, String> links;
    private final List<AtomicFile.Pending> headLinks = new ArrayList<>();
    private int sentences;

    private AlignmentExport(Path folder, Set<String> formats, int heads, Function<AlignmentMatrix, String> links)
            throws IOException {
        this.folder = folder;
        this.formats = Set.copyOf(formats);
        this.heads = heads;
        this.links = links;
        Files.createDirectories(folder);
        for (String format : List.of("json", "png", "svg")) {
            if (formats.contains(format)) {
                Files.createDirectories(folder.resolve(format));
            }
        }
        csvFile = formats.contains("csv") ? AtomicFile.open(folder.resolve("alignments.csv")) : null;
        csv = csvFile == null ? null : CsvExport.printer(csvFile.writer(), heads > 0);
        for (int k = 0; k < heads && links != null; k++) {
            headLinks.add(AtomicFile.open(folder.resolve("links.head" + k + ".txt")));
        }
        page = formats.contains("html") ? AtomicFile.open(folder.resolve("index.html")) : null;
        picture = formats.contains("svg") ? "svg" : formats.contains("png") ? "png" : null;
        if (page != null) {
            page.writer().write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                    + "<title>nmt4j alignments</title><style>body{font-family:sans-serif} figure{margin:2em 0}"
                    + "</style></head><body>\n<h1>nmt4j alignments</h1>\n");
        }
    }

    /** An export into the folder (made if missing) in these formats. */
    public static AlignmentExport open(Path folder, Set<String> formats) throws IOException {
        return new AlignmentExport(folder, formats, 0, null);
    }

    /**
     * An export that also writes each of K attention heads (the matrices {@link #add(AlignmentMatrix, List)} gets),
     * with each head's links as {@code links} formats them (null: no link files).
     */
    public static AlignmentExport open(Path folder, Set<String> formats, int heads,
                                       Function<AlignmentMatrix, String> links) throws IOException {
        return new AlignmentExport(folder, formats, heads, links);
    }

    /** Writes all of them at once. */
    public static void write(Path folder, List<AlignmentMatrix> matrices, Set<String> formats) throws IOException {
        try (AlignmentExport export = open(folder, formats)) {
            for (AlignmentMatrix m : matrices) {
                export.add(m);
            }
            export.finish();
        }
    }

    /** The next sentence. */
    public void add(AlignmentMatrix m) throws IOException {
        add(m, List.of());
    }

    /** The next sentence, its mean matrix and each head's (as many as the export was opened for). */
    public void add(AlignmentMatrix m, List<AlignmentMatrix> headMatrices) throws IOException {
        add(m, headMatrices, null);
    }

    /**
     * The next sentence, with its translation's word scores (null: none, as for given sentence pairs), which the
     * JSON file then holds.
     */
    public void add(AlignmentMatrix m, List<AlignmentMatrix> headMatrices, WordScores scores) throws IOException {
        if (headMatrices.size() != heads) {
            throw new IllegalArgumentException(headMatrices.size() + " head matrices for an export of " + heads);
        }
        int n = ++sentences;
        String name = Integer.toString(n);
        if (csv != null) {
            CsvExport.print(csv, n, heads > 0 ? "mean" : null, m);
            for (int k = 0; k < heads; k++) {
                CsvExport.print(csv, n, Integer.toString(k), headMatrices.get(k));
            }
        }
        if (formats.contains("json")) {
            AtomicFile.writeString(folder.resolve("json/" + name + ".json"), JsonExport.json(m, headMatrices, scores));
        }
        pictures(m, name);
        for (int k = 0; k < heads; k++) {
            pictures(headMatrices.get(k), name + ".head" + k);
            if (!headLinks.isEmpty()) {
                headLinks.get(k).writer().write(links.apply(headMatrices.get(k)) + "\n");
            }
        }
        if (page != null) {
            StringBuilder html = new StringBuilder();
            html.append("<figure id=\"s").append(n).append("\"><figcaption><b>").append(n)
                    .append("</b> ").append(Heatmap.escape(String.join(" ", m.sourceTokens()))).append("<br>→ ")
                    .append(Heatmap.escape(String.join(" ", m.targetTokens()))).append("</figcaption>\n");
            if (picture != null && !m.targetTokens().isEmpty()) {
                html.append("<img src=\"").append(picture).append('/').append(n).append('.').append(picture)
                        .append("\" alt=\"alignment ").append(n).append(heads > 0 ? " (mean of the heads)" : "")
                        .append("\">\n");
                for (int k = 0; k < heads; k++) {
                    html.append("<img src=\"").append(picture).append('/').append(n).append(".head").append(k)
                            .append('.').append(picture).append("\" alt=\"alignment ").append(n).append(", head ")
                            .append(k).append("\">\n");
                }
            }
            page.writer().write(html.append("</figure>\n").toString());
        }
    }

    private void pictures(AlignmentMatrix m, String name) throws IOException {
        if (!m.targetTokens().isEmpty()) {
            if (formats.contains("png")) {
                Heatmap.png(m, folder.resolve("png/" + name + ".png"));
            }
            if (formats.contains("svg")) {
                AtomicFile.writeString(folder.resolve("svg/" + name + ".svg"), Heatmap.svg(m));
            }
        }
    }

    /** Puts the CSV file, the heads' link files and the page in place. */
    public void finish() throws IOException {
        for (AtomicFile.Pending file : headLinks) {
            file.commit();
        }
        if (csv != null) {
            csv.flush();
            csvFile.commit();
        }
        if (page != null) {
            page.writer().write("</body></html>\n");
            page.commit();
        }
    }

    /** Throws away what was not finished. */
    @Override
    public void close() throws IOException {
        for (AtomicFile.Pending file : headLinks) {
            file.close();
        }
        try {
            if (csvFile != null) {
                csvFile.close();
            }
        } finally {
            if (page != null) {
                page.close();
            }
        }
    }
}
