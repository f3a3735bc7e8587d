package org.nmt4j.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Line plots as PNG, side-by-side panels of named series (points joined by lines, a legend, four grid lines), for
 * {@code training.png} and the benchmarks' pictures. Java's own imaging: no plotting library.
 */
public final class LinePlot {

    private LinePlot() {
    }

    /** A named series of (x, y) points. */
    public record Series(String name, Color color, List<double[]> points) {
    }

    /** One panel: its axes' labels and its series. */
    public record Panel(String xLabel, String yLabel, List<Series> series) {
    }

    /** The panels side by side, each {@code panelWidth} wide, written atomically to {@code png}. */
    public static void write(Path png, int panelWidth, int height, List<Panel> panels) throws IOException {
        BufferedImage image = new BufferedImage(panelWidth * panels.size(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), height);
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            panel(g, i * panelWidth, panelWidth, height, p.xLabel(), p.yLabel(), p.series());
        }
        g.dispose();
        AtomicFile.write(png, out -> ImageIO.write(image, "png", out));
    }

    static void panel(Graphics2D g, int left, int width, int height, String xLabel, String yLabel, List<Series> all) {
        int x0 = left + 70;
        int y0 = height - 50;
        int w = width - 100;
        int h = height - 90;
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
        g.drawString(xLabel, x0 + w / 2 - 4 * xLabel.length(), y0 + 38);
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
