package org.nmt4j.train;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVRecord;

import org.nmt4j.io.LinePlot;

/**
 * {@code training.png}: the training and validation loss by step (left) and validation BLEU and chrF (right), drawn
 * from the training log.
 */
public final class TrainingPlot {

    public static final String FILE = "training.png";
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 450;

    private TrainingPlot() {
    }

    public static void draw(Path log, Path png) throws IOException {
        List<CSVRecord> rows = TrainingLog.read(log);
        LinePlot.Series train = series(rows, "train_loss", "training loss", new Color(0x1f77b4));
        LinePlot.Series validLoss = series(rows, "valid_loss", "validation loss", new Color(0xd62728));
        LinePlot.Series bleu = series(rows, "valid_bleu", "validation BLEU", new Color(0x2ca02c));
        LinePlot.Series chrf = series(rows, "valid_chrf", "validation chrF2", new Color(0x9467bd));
        List<LinePlot.Series> scores = new ArrayList<>(List.of(bleu, chrf));
        LinePlot.Series aer = series(rows, "valid_aer", "validation AER (%)", new Color(0xff7f0e), 100);
        if (!aer.points().isEmpty()) {
            scores.add(aer);
        }
        LinePlot.write(png, WIDTH / 2, HEIGHT, List.of(new LinePlot.Panel("step", "loss", List.of(train, validLoss)),
                new LinePlot.Panel("step", "score", scores)));
    }

    private static LinePlot.Series series(List<CSVRecord> rows, String column, String name, Color color) {
        return series(rows, column, name, color, 1);
    }

    // a column's values times scale; rows written before the column existed have none
    private static LinePlot.Series series(List<CSVRecord> rows, String column, String name, Color color,
                                          double scale) {
        List<double[]> points = new ArrayList<>();
        for (CSVRecord row : rows) {
            String value = row.isSet(column) ? row.get(column) : "";
            if (!value.isEmpty()) {
                points.add(new double[] {Double.parseDouble(row.get("step")), scale * Double.parseDouble(value)});
            }
        }
        return new LinePlot.Series(name, color, points);
    }
}
