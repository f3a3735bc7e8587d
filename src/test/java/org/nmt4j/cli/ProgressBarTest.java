package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void outsideATerminalWritesOneLinePerTenthWithEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("work", 100, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int i = 1; i <= 100; i++) {
            bar.update(i, "loss 1.0");
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(10, lines.length);
        assertTrue(lines[9].startsWith("work [##############################] 100% 100/100 "), lines[9]);
        assertTrue(lines[9].contains("eta 0:00 | loss 1.0"), lines[9]);
    }

    @Test
    void clockShowsHoursOnlyWhenNeeded() {
        assertEquals("1:05", ProgressBar.clock(65));
        assertEquals("2:00:01", ProgressBar.clock(7201));
    }
}
