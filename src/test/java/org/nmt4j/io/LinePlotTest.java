package org.nmt4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @Test
    void panelsAreDrawnSideBySideWithTheirSeriesColours(@TempDir Path dir) throws Exception {
        Color red = new Color(0xd62728);
        Color blue = new Color(0x1f77b4);
        Path png = dir.resolve("plot.png");
        LinePlot.write(png, 300, 200, List.of(
                new LinePlot.Panel("x", "y", List.of(new LinePlot.Series("up", red,
                        List.of(new double[] {0, 0}, new double[] {10, 5}, new double[] {20, 9}))))
                , new LinePlot.Panel("x", "y", List.of(new LinePlot.Series("flat", blue,
                        List.of(new double[] {1, 3}, new double[] {2, 3}))))));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(600, image.getWidth());
        assertEquals(200, image.getHeight());
        assertTrue(count(image, red, 0, 300) > 50, "the first panel's line");
        assertEquals(0, count(image, red, 300, 600), "nothing of it in the second panel");
        assertTrue(count(image, blue, 300, 600) > 50, "the second panel's line");
    }

    private static int count(BufferedImage image, Color color, int from, int to) {
        int n = 0;
        for (int x = from; x < to; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }
}
