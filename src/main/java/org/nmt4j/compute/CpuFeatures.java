package org.nmt4j.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The instruction sets of this processor that low-precision products need, from the {@code flags} line of
 * {@code /proc/cpuinfo} (Linux on x86-64, where nmt4j's native libraries run). The system property
 * {@code nmt4j.cpu.disable} (a comma-separated list of flags) hides features, so that the refusal on a processor
 * without them can be tried on one that has them.
 */
public final class CpuFeatures {

    /** bfloat16 products: AVX-512 BF16 ({@code avx512_bf16}) or AMX ({@code amx_bf16}). */
    public static final String BF16 = "avx512_bf16";

    /** int8 products: AVX-512 VNNI ({@code avx512_vnni}), AVX-VNNI ({@code avx_vnni}) or AMX ({@code amx_int8}). */
    public static final String INT8 = "avx512_vnni";

    private static final Set<String> FLAGS = read();

    private CpuFeatures() {
    }

    /** Whether bfloat16 products run on this processor's own instructions. */
    public static boolean hasBf16() {
        return has("avx512_bf16") || has("amx_bf16");
    }

    /** Whether int8 products run on this processor's own instructions (VNNI or AMX). */
    public static boolean hasInt8() {
        return has("avx512_vnni") || has("avx_vnni") || has("amx_int8");
    }

    /** A processor flag as {@code /proc/cpuinfo} spells it, unless {@code nmt4j.cpu.disable} hides it. */
    public static boolean has(String flag) {
        String disabled = System.getProperty("nmt4j.cpu.disable", "");
        return FLAGS.contains(flag) && !Arrays.asList(disabled.split(",")).contains(flag);
    }

    private static Set<String> read() {
        Set<String> flags = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    flags.addAll(Arrays.asList(line.substring(colon + 1).trim().toLowerCase(Locale.ROOT).split("\\s+")));
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc/cpuinfo: no features, so low precision is refused
        }
        return Set.copyOf(flags);
    }
}
