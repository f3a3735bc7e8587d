package org.nmt4j.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.apache.commons.csv.CSVRecord;

import org.nmt4j.AtomicFile;

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

    private record Series(String name, Color color, List<double[]> points) {
    }

    public static void draw(Path log, Path png) throws IOException {
        List<CSVRecord> rows = TrainingLog.read(log);
        Series train = series(rows, "train_loss", "training loss", new Color(0x1f77b4));
        Series validLoss = series(rows, "valid_loss", "validation loss", new Color(0xd62728));
        Series bleu = series(rows, "valid_bleu", "validation BLEU", new Color(0x2ca02c));
        Series chrf = series(rows, "valid_chrf", "validation chrF2", new Color(0x9467bd));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        panel(g, 0, "loss", List.of(train, validLoss));
        panel(g, WIDTH / 2, "score", List.of(bleu, chrf));
        g.dispose();
        AtomicFile.write(png, out -> ImageIO.write(image, "png", out));
    }

    private static Series series(List<CSVRecord> rows, String column, String name, Color color) {
        List<double[]> points = new ArrayList<>();
        for (CSVRecord row : rows) {
            String value = row.get(column);
            if (!value.isEmpty()) {
                points.add(new double[] {Double.parseDouble(row.get("step")), Double.parseDouble(value)});
            }
        }
        return new Series(name, color, points);
    }

    private static void panel(Graphics2D g, int left, String yLabel, List<Series> all) {
        int x0 = left + 70;
        int y0 = HEIGHT - 50;
        int w = WIDTH / 2 - 100;
        int h = HEIGHT - 90;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Series s : all) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawRect(x0, y0 - h, w, h);
        g.drawString("step", x0 + w / 2 - 12, y0 + 38);
        g.drawString(yLabel, left + 8, y0 - h - 10);
        if (minX > maxX) {
            g.drawString("no data yet", x0 + w / 2 - 30, y0 - h / 2);
            return;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        for (int i = 0; i <= 4; i++) {
            double y = minY + (maxY - minY) * i / 4;
            int py = y0 - (int) (h * i / 4.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x0 + 1, py, x0 + w - 1, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", y), left + 8, py + 5);
            double x = minX + (maxX - minX) * i / 4;
            g.drawString(String.format(Locale.ROOT, "%.0f", x), x0 + (int) (w * i / 4.0) - 10, y0 + 18);
        }
        int legend = 0;
        for (Series s : all) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            int px = -1, py = -1;
            for (double[] p : s.points()) {
                int x = x0 + (int) Math.round(w * (p[0] - minX) / (maxX - minX));
                int y = y0 - (int) Math.round(h * (p[1] - minY) / (maxY - minY));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 2, y - 2, 5, 5);
                px = x;
                py = y;
            }
            g.drawString(s.name(), x0 + w - 150, y0 - h + 20 + 18 * legend++);
        }
    }
}
