package org.nmt4j.align;

import org.nmt4j.io.UserError;

/**
 * How an alignment is written after a translation (Marian's conventions): {@code hard}, the most attended source
 * token per target token as Pharaoh links; a weight such as {@code 0.3}, every link of that weight or more; or
 * {@code soft}, the whole matrix (a row per target token, weights by commas, rows by spaces). Parsed here, for every
 * command that writes alignments.
 */
public sealed interface LinkFormat {

    /** The alignment of a matrix in this format; without {@code keepEos}, the {@code </s>} row and column go. */
    String format(AlignmentMatrix m, boolean keepEos);

    /** The most attended source token per target token. */
    record Hard() implements LinkFormat {
        @Override
        public String format(AlignmentMatrix m, boolean keepEos) {
            return Links.pharaoh(Links.argmax(m, keepEos));
        }
    }

    /** Every link whose weight is at least the threshold, in (0, 1]. */
    record Threshold(double threshold) implements LinkFormat {
        @Override
        public String format(AlignmentMatrix m, boolean keepEos) {
            return Links.pharaoh(Links.threshold(m, threshold, keepEos));
        }
    }

    /** The whole matrix. */
    record Soft() implements LinkFormat {
        @Override
        public String format(AlignmentMatrix m, boolean keepEos) {
            return Links.soft(keepEos ? m : m.withoutEos());
        }
    }

    /** {@code hard}, {@code soft} or a weight in (0, 1]; anything else is a user error naming {@code option}. */
    static LinkFormat parse(String value, String option) {
        switch (value) {
            case "hard":
                return new Hard();
            case "soft":
                return new Soft();
            default:
                try {
                    double threshold = Double.parseDouble(value);
                    if (threshold > 0 && threshold <= 1) {
                        return new Threshold(threshold);
                    }
                } catch (NumberFormatException e) {
                    // the message below
                }
                throw new UserError(option + ": '" + value + "' is not hard, soft or a weight in (0, 1]");
        }
    }
}
