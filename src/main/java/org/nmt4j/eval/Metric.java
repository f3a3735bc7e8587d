package org.nmt4j.eval;

import java.util.List;
import java.util.Locale;

import org.nmt4j.io.UserError;

/** The corpus metrics {@code nmt4j evaluate} computes, by their command-line names. */
public enum Metric {
    BLEU("bleu"), CHRF("chrf"), CHRF_PLUS_PLUS("chrf++");

    private final String cliName;

    Metric(String cliName) {
        this.cliName = cliName;
    }

    public static Metric fromName(String name) {
        for (Metric metric : values()) {
            if (metric.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return metric;
            }
        }
        throw new UserError("unknown metric '" + name + "': use bleu, chrf or chrf++");
    }

    /** A score line in sacreBLEU's text format and as a sacreBLEU-style JSON object. */
    public record Result(String name, double score, String signature, String text, String json) {
    }

    /** Scores a corpus with this metric. */
    public Result score(List<String> hypotheses, List<List<String>> references, boolean lowercase,
                        BleuTokenizer tokenizer, Bleu.Smoothing smoothing) {
        if (this == BLEU) {
            Bleu bleu = new Bleu(tokenizer, lowercase, smoothing, false, 4);
            BleuScore s = bleu.corpusScore(hypotheses, references);
            String verbose = s.format().substring(s.format().indexOf(" = ") + 3);
            return new Result("BLEU", s.score(), s.signature(), s.format(), json("BLEU", s.score(), s.signature(),
                    verbose));
        }
        Chrf chrf = (this == CHRF ? Chrf.chrf() : Chrf.chrfPlusPlus()).withLowercase(lowercase);
        ChrfScore s = chrf.corpusScore(hypotheses, references);
        return new Result(s.name(), s.score(), s.signature(), s.format(),
                json(s.name(), s.score(), s.signature(), String.format(Locale.ROOT, "%.2f", s.score())));
    }

    private static String json(String name, double score, String signature, String verbose) {
        return String.format(Locale.ROOT,
                "{\"name\": \"%s\", \"score\": %.4f, \"signature\": \"%s\", \"verbose_score\": \"%s\"}",
                name, score, signature, verbose);
    }
}
