package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TinyModel;
import org.nmt4j.TrainedModel;

/**
 * {@code align --export DIR --heads all} on a model with two heads: the CSV file has a head column (the mean, then
 * each head, whose mean is the mean matrix), the JSON one matrix per head, a picture per head, and each head's links
 * in links.headK.txt, which evaluate-alignment reads. Without --export, or with an unknown value, a clear error.
 */
class HeadsExportTest {

    @TempDir
    Path dir;

    @Test
    void everyHeadIsExportedBesideTheirMean() throws IOException {
        Path model = TrainedModel.train("configs/tiny.yaml", "tiny-heads", "training.max_steps=10",
                "validation.every_steps=0", "model.attention_heads=2");
        Path source = Files.writeString(dir.resolve("s.de"), "Der Hund hat den Ball gefunden .\nDie Katze schläft .\n");
        Path target = Files.writeString(dir.resolve("t.en"), "The dog has found the ball .\nThe cat sleeps .\n");
        Path export = dir.resolve("export");
        CommandRun run = CommandRun.of("align", "-m", model.toString(), "--src", source.toString(), "--tgt",
                target.toString(), "-o", dir.resolve("links").toString(), "--export", export.toString(),
                "--heads", "all", "--word-level");
        assertEquals(0, run.exitCode(), run.err());

        Map<String, Double> mean = new HashMap<>();
        Map<String, Double> sum = new HashMap<>();
        try (Reader in = Files.newBufferedReader(export.resolve("alignments.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().build().parse(in)) {
                String cell = r.get("sentence") + "/" + r.get("target_index") + "/" + r.get("source_index");
                double w = Double.parseDouble(r.get("weight"));
                if (r.get("head").equals("mean")) {
                    mean.put(cell, w);
                } else {
                    assertTrue(r.get("head").equals("0") || r.get("head").equals("1"), r.get("head"));
                    sum.merge(cell, w, Double::sum);
                }
            }
        }
        assertEquals(mean.keySet(), sum.keySet());
        mean.forEach((cell, w) -> assertEquals(w, sum.get(cell) / 2, 1e-4, cell));
        String json = Files.readString(export.resolve("json/1.json"));
        assertTrue(json.contains("\"heads\": [[["), json);
        for (String file : List.of("png/1.head0.png", "png/1.head1.png", "svg/2.head1.svg", "links.head0.txt",
                "links.head1.txt")) {
            assertTrue(Files.isRegularFile(export.resolve(file)), file);
        }
        assertEquals(2, Files.readAllLines(export.resolve("links.head1.txt")).size());
        assertTrue(Files.readString(export.resolve("index.html")).contains("head 1"));
        Path gold = Files.writeString(dir.resolve("gold"), "0-0 1-1\n0-0 1-1\n");
        CommandRun aer = CommandRun.of("evaluate-alignment", "--gold", gold.toString(), "--test",
                export.resolve("links.head0.txt").toString());
        assertEquals(0, aer.exitCode(), aer.err());
        assertTrue(aer.out().startsWith("AER "), aer.out());
    }

    @Test
    void headsAllNeedsAnExportAndMeanOrAll() throws IOException {
        Path source = Files.writeString(dir.resolve("s.de"), "Der Hund .\n");
        String model = TinyModel.folder().toString();
        CommandRun noExport = CommandRun.of("align", "-m", model, "--src", source.toString(), "--tgt",
                source.toString(), "--heads", "all");
        assertEquals(1, noExport.exitCode());
        assertTrue(noExport.err().contains("--heads all: the heads go into the export; give --export DIR"),
                noExport.err());
        CommandRun unknown = CommandRun.of("align", "-m", model, "--src", source.toString(), "--tgt",
                source.toString(), "--heads", "some");
        assertTrue(unknown.err().contains("--heads: 'some' is not mean or all"), unknown.err());
        assertEquals(1, unknown.exitCode());
    }
}
