package org.nmt4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory (Linux {@code /proc/PID/status}), for benchmarks. */
final class ResidentMemory {

    private ResidentMemory() {
    }

    static double currentMb() {
        return field("self", "VmRSS:");
    }

    static double peakMb() {
        return field("self", "VmHWM:");
    }

    /** Another process's resident memory (NaN: no such process, or not Linux). */
    static double ofProcessMb(long pid) {
        return field(Long.toString(pid), "VmRSS:");
    }

    private static double field(String process, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", process, "status"))) {
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
