package org.nmt4j.data;

import java.util.EnumMap;
import java.util.Map;

/** How many pairs a corpus had and why some were dropped, with the first line of each kind so a user can look. */
public final class FilterReport {

    private final String corpus;
    private long read;
    private final Map<PairFilter.Verdict, Long> dropped = new EnumMap<>(PairFilter.Verdict.class);
    private final Map<PairFilter.Verdict, Long> firstLine = new EnumMap<>(PairFilter.Verdict.class);

    public FilterReport(String corpus) {
        this.corpus = corpus;
    }

    void count(long line, PairFilter.Verdict verdict) {
        read++;
        if (verdict != null) {
            dropped.merge(verdict, 1L, Long::sum);
            firstLine.putIfAbsent(verdict, line);
        }
    }

    public long read() {
        return read;
    }

    public long dropped(PairFilter.Verdict verdict) {
        return dropped.getOrDefault(verdict, 0L);
    }

    public long kept() {
        return read - dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line, e.g. {@code train.de/train.en: 29000 pairs, kept 28990; skipped 4 with an empty side (first at line 17), ...}. */
    public String summary() {
        StringBuilder out = new StringBuilder(corpus + ": " + read + " pairs, kept " + kept());
        appendDropped(out, PairFilter.Verdict.EMPTY, "with an empty side");
        appendDropped(out, PairFilter.Verdict.TOO_LONG, "over the maximum length");
        appendDropped(out, PairFilter.Verdict.BAD_RATIO, "over the maximum length ratio");
        return out.toString();
    }

    private void appendDropped(StringBuilder out, PairFilter.Verdict verdict, String why) {
        long n = dropped(verdict);
        if (n > 0) {
            out.append("; skipped ").append(n).append(' ').append(why)
                    .append(" (first at line ").append(firstLine.get(verdict)).append(')');
        }
    }
}
