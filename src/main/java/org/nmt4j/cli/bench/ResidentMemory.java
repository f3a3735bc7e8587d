package org.nmt4j.cli.bench;

import org.nmt4j.cli.ModelOptions;
import org.nmt4j.cli.ProgressBar;
import org.nmt4j.cli.ThreadCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory (Linux {@code /proc/self/status}), for benchmarks. */
final class ResidentMemory {

    private ResidentMemory() {
    }

    static double currentMb() {
        return field("VmRSS:");
    }

    static double peakMb() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
