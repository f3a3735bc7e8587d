package org.nmt4j.eval;

import java.util.Locale;

/** A chrF or chrF++ score with its sacreBLEU signature. */
public record ChrfScore(String name, double score, String signature) {

    /** sacreBLEU's text line, e.g. {@code chrF2|nrefs:1|...|version:2.6.0 = 50.35}. */
    public String format() {
        return String.format(Locale.ROOT, "%s|%s = %.2f", name, signature, score);
    }
}
