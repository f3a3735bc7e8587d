package org.nmt4j.align;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.nmt4j.AtomicFile;

/**
 * Writes a corpus's alignments into a folder in the chosen formats: {@code alignments.csv} (long format),
 * {@code json/N.json}, {@code png/N.png} and {@code svg/N.svg} per sentence (N from 1, as line numbers), and an
 * {@code index.html} that shows each sentence pair with its picture.
 */
public final class AlignmentExport {

    public static final Set<String> FORMATS = Set.of("csv", "json", "png", "svg", "html");

    private AlignmentExport() {
    }

    public static void write(Path folder, List<AlignmentMatrix> matrices, Set<String> formats) throws IOException {
        Files.createDirectories(folder);
        if (formats.contains("csv")) {
            CsvExport.write(folder.resolve("alignments.csv"), matrices);
        }
        for (String format : List.of("json", "png", "svg")) {
            if (formats.contains(format)) {
                Files.createDirectories(folder.resolve(format));
            }
        }
        for (int n = 0; n < matrices.size(); n++) {
            AlignmentMatrix m = matrices.get(n);
            String name = Integer.toString(n + 1);
            if (formats.contains("json")) {
                AtomicFile.writeString(folder.resolve("json/" + name + ".json"), JsonExport.json(m));
            }
            if (m.targetTokens().isEmpty()) {
                continue;
            }
            if (formats.contains("png")) {
                Heatmap.png(m, folder.resolve("png/" + name + ".png"));
            }
            if (formats.contains("svg")) {
                AtomicFile.writeString(folder.resolve("svg/" + name + ".svg"), Heatmap.svg(m));
            }
        }
        if (formats.contains("html")) {
            StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                    + "<title>nmt4j alignments</title><style>body{font-family:sans-serif} figure{margin:2em 0}"
                    + "</style></head><body>\n<h1>nmt4j alignments</h1>\n");
            String picture = formats.contains("svg") ? "svg" : formats.contains("png") ? "png" : null;
            for (int n = 0; n < matrices.size(); n++) {
                AlignmentMatrix m = matrices.get(n);
                html.append("<figure id=\"s").append(n + 1).append("\"><figcaption><b>").append(n + 1)
                        .append("</b> ").append(Heatmap.escape(String.join(" ", m.sourceTokens()))).append("<br>→ ")
                        .append(Heatmap.escape(String.join(" ", m.targetTokens()))).append("</figcaption>\n");
                if (picture != null && !m.targetTokens().isEmpty()) {
                    html.append("<img src=\"").append(picture).append('/').append(n + 1).append('.').append(picture)
                            .append("\" alt=\"alignment ").append(n + 1).append("\">\n");
                }
                html.append("</figure>\n");
            }
            AtomicFile.writeString(folder.resolve("index.html"), html.append("</body></html>\n").toString());
        }
    }
}
