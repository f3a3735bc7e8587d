package org.nmt4j.align;

import java.util.List;
import java.util.Locale;

import org.nmt4j.translate.WordScores;

/** One sentence's alignment as JSON: {@code {"source": [...], "target": [...], "weights": [[...], ...]}}. */
public final class JsonExport {

    private JsonExport() {
    }

    public static String json(AlignmentMatrix m) {
        return json(m, List.of());
    }

    /** With {@code --heads all}: also {@code "heads": [matrix of head 0, ...]}, each like "weights". */
    public static String json(AlignmentMatrix m, List<AlignmentMatrix> heads) {
        return json(m, heads, null);
    }

    /**
     * With a translation's word scores, also {@code "word_scores": [{"word": ..., "score": log p, "confidence": p},
     * ...]} ({@code </s>} last when the translation ended with it).
     */
    public static String json(AlignmentMatrix m, List<AlignmentMatrix> heads, WordScores scores) {
        StringBuilder out = new StringBuilder("{\"source\": ");
        strings(out, m.sourceTokens());
        out.append(", \"target\": ");
        strings(out, m.targetTokens());
        out.append(", \"weights\": ");
        matrix(out, m.weights());
        if (!heads.isEmpty()) {
            out.append(", \"heads\": [");
            for (int k = 0; k < heads.size(); k++) {
                out.append(k == 0 ? "" : ", ");
                matrix(out, heads.get(k).weights());
            }
            out.append(']');
        }
        if (scores != null) {
            out.append(", \"word_scores\": [");
            for (int w = 0; w < scores.words().size(); w++) {
                out.append(w == 0 ? "" : ", ").append("{\"word\": ").append(quote(scores.words().get(w)))
                        .append(String.format(Locale.ROOT, ", \"score\": %.6g, \"confidence\": %.6g}",
                                scores.scores()[w], scores.confidence(w)));
            }
            out.append(']');
        }
        return out.append("}\n").toString();
    }

    private static void matrix(StringBuilder out, float[][] weights) {
        out.append('[');
        for (int t = 0; t < weights.length; t++) {
            out.append(t == 0 ? "[" : ", [");
            for (int s = 0; s < weights[t].length; s++) {
                out.append(s == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", weights[t][s]));
            }
            out.append(']');
        }
        out.append(']');
    }

    private static void strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        out.append(']');
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
