package org.nmt4j.align;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.nmt4j.io.AtomicFile;

/**
 * A heatmap of one alignment: source tokens along the top (written upwards), target tokens down the left, a cell
 * per weight shaded from white (0) to dark blue (1), and a colour scale. The same layout is drawn as PNG (Java2D,
 * whose logical fonts cover any Unicode the system fonts have) and as SVG (text stays text). Cells are 22 pixels, so
 * a 60×60 matrix is about 1,500 pixels wide with its labels.
 */
public final class Heatmap {

    private static final int CELL = 22;
    private static final int FONT_SIZE = 13;
    private static final int SCALE_WIDTH = 80;

    private Heatmap() {
    }

    private record Layout(int left, int top, int width, int height) {
        static Layout of(AlignmentMatrix m) {
            int longestTarget = m.targetTokens().stream().mapToInt(String::length).max().orElse(1);
            int longestSource = m.sourceTokens().stream().mapToInt(String::length).max().orElse(1);
            int left = 16 + 8 * Math.min(40, longestTarget);
            int top = 16 + 8 * Math.min(40, longestSource);
            return new Layout(left, top, left + CELL * m.sourceTokens().size() + SCALE_WIDTH,
                    top + CELL * Math.max(m.targetTokens().size(), 6) + 20);
        }
    }

    /** Weight → colour: white to dark blue. */
    static Color colour(double weight) {
        double w = Math.max(0, Math.min(1, weight));
        return new Color((int) Math.round(255 - 247 * w), (int) Math.round(255 - 207 * w),
                (int) Math.round(255 - 148 * w));
    }

    public static void png(AlignmentMatrix m, Path file) throws IOException {
        Layout l = Layout.of(m);
        BufferedImage image = new BufferedImage(l.width(), l.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, l.width(), l.height());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE));
        for (int t = 0; t < m.targetTokens().size(); t++) {
            for (int s = 0; s < m.sourceTokens().size(); s++) {
                g.setColor(colour(m.weights()[t][s]));
                g.fillRect(l.left() + s * CELL, l.top() + t * CELL, CELL, CELL);
            }
            g.setColor(Color.BLACK);
            String label = label(m.targetTokens().get(t));
            int w = g.getFontMetrics().stringWidth(label);
            g.drawString(label, l.left() - 6 - w, l.top() + t * CELL + CELL / 2 + 5);
        }
        AffineTransform normal = g.getTransform();
        for (int s = 0; s < m.sourceTokens().size(); s++) {
            g.setTransform(normal);
            g.translate(l.left() + s * CELL + CELL / 2 + 5, l.top() - 6);
            g.rotate(-Math.PI / 2);
            g.setColor(Color.BLACK);
            g.drawString(label(m.sourceTokens().get(s)), 0, 0);
        }
        g.setTransform(normal);
        g.setColor(Color.GRAY);
        g.drawRect(l.left(), l.top(), CELL * m.sourceTokens().size(), CELL * m.targetTokens().size());
        int x = l.width() - SCALE_WIDTH + 20;
        for (int i = 0; i <= 100; i++) {
            g.setColor(colour(1 - i / 100.0));
            g.fillRect(x, l.top() + i, 14, 1);
        }
        g.setColor(Color.BLACK);
        g.drawString("1", x + 20, l.top() + 10);
        g.drawString("0", x + 20, l.top() + 100);
        g.dispose();
        AtomicFile.write(file, out -> ImageIO.write(image, "png", out));
    }

    public static String svg(AlignmentMatrix m) {
        Layout l = Layout.of(m);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"%d\">%n<rect width=\"100%%\" height=\"100%%\" "
                + "fill=\"white\"/>%n", l.width(), l.height(), FONT_SIZE));
        for (int t = 0; t < m.targetTokens().size(); t++) {
            for (int s = 0; s < m.sourceTokens().size(); s++) {
                Color c = colour(m.weights()[t][s]);
                out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"#%02x%02x%02x\"><title>%s → %s: %.3f</title></rect>%n", l.left() + s * CELL,
                        l.top() + t * CELL, CELL, CELL, c.getRed(), c.getGreen(), c.getBlue(),
                        escape(label(m.sourceTokens().get(s))), escape(label(m.targetTokens().get(t))),
                        m.weights()[t][s]));
            }
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    l.left() - 6, l.top() + t * CELL + CELL / 2 + 5, escape(label(m.targetTokens().get(t)))));
        }
        for (int s = 0; s < m.sourceTokens().size(); s++) {
            int x = l.left() + s * CELL + CELL / 2 + 5;
            out.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(-90)\">%s</text>%n", x,
                    l.top() - 6, escape(label(m.sourceTokens().get(s)))));
        }
        int x = l.width() - SCALE_WIDTH + 20;
        out.append("<defs><linearGradient id=\"scale\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">")
                .append(String.format("<stop offset=\"0\" stop-color=\"#%06x\"/>", colour(1).getRGB() & 0xffffff))
                .append(String.format("<stop offset=\"1\" stop-color=\"#%06x\"/>", colour(0).getRGB() & 0xffffff))
                .append("</linearGradient></defs>\n");
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"100\" "
                + "fill=\"url(#scale)\" stroke=\"gray\"/>%n<text x=\"%d\" y=\"%d\">1</text>%n"
                + "<text x=\"%d\" y=\"%d\">0</text>%n", x, l.top(), x + 20, l.top() + 10, x + 20, l.top() + 100));
        return out.append("</svg>\n").toString();
    }

    /** A token as drawn: without its joiner mark (the mark is for detokenizing, not for reading). */
    static String label(String token) {
        return org.nmt4j.text.Token.fromMarked(token).text();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
