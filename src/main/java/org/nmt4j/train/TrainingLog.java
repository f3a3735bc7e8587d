package org.nmt4j.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The training log, {@code training.csv} in the model folder: a row per log interval (mean training loss and speed
 * over the interval) and a row per validation (the validation columns filled). Resuming drops the rows written
 * after the checkpoint, so the log matches the resumed run.
 */
public final class TrainingLog {

    public static final String FILE = "training.csv";
    public static final String[] HEADER = {"step", "epoch", "learning_rate", "train_loss", "train_ppl",
        "target_tokens_per_s", "elapsed_s", "valid_loss", "valid_ppl", "valid_bleu", "valid_chrf", "valid_aer",
        "valid_alignment_precision", "valid_alignment_recall"};

    /** One row; NaN fields are written empty. */
    public record Row(long step, double epoch, double learningRate, double trainLoss, double tokensPerSecond,
                      double elapsedSeconds, double validLoss, double validBleu, double validChrf, double validAer,
                      double validAlignmentPrecision, double validAlignmentRecall) {

        /** A row without alignment scores. */
        public Row(long step, double epoch, double learningRate, double trainLoss, double tokensPerSecond,
                   double elapsedSeconds, double validLoss, double validBleu, double validChrf) {
            this(step, epoch, learningRate, trainLoss, tokensPerSecond, elapsedSeconds, validLoss, validBleu,
                    validChrf, Double.NaN, Double.NaN, Double.NaN);
        }

        List<String> cells() {
            return List.of(Long.toString(step), format(epoch, "%.3f"), format(learningRate, "%.6g"),
                    format(trainLoss, "%.6f"), format(Math.exp(trainLoss), "%.4f"), format(tokensPerSecond, "%.0f"),
                    format(elapsedSeconds, "%.1f"), format(validLoss, "%.6f"), format(Math.exp(validLoss), "%.4f"),
                    format(validBleu, "%.2f"), format(validChrf, "%.2f"), format(validAer, "%.4f"),
                    format(validAlignmentPrecision, "%.4f"), format(validAlignmentRecall, "%.4f"));
        }

        private static String format(double value, String pattern) {
            return Double.isNaN(value) ? "" : String.format(java.util.Locale.ROOT, pattern, value);
        }
    }

    private final Path file;

    public TrainingLog(Path folder) {
        this.file = folder.resolve(FILE);
    }

    /** Starts a new log, or keeps the rows up to {@code step} of an existing one (resume). */
    public void open(long step) throws IOException {
        List<List<String>> kept = new ArrayList<>();
        if (step > 0 && Files.exists(file)) {
            for (CSVRecord record : read(file)) {
                if (Long.parseLong(record.get("step")) <= step) {
                    kept.add(record.toList());
                }
            }
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).build())) {
            for (List<String> row : kept) {
                printer.printRecord(row);
            }
        }
    }

    public void append(Row row) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(row.cells());
        }
    }

    /** Every row of a log, as read back (for the plot). */
    public static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }
}
