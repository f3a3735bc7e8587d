package org.nmt4j.data;

/**
 * Which sentence pairs training keeps: both sides non-empty, each at most {@code maxLength} pieces, and the longer side
 * at most {@code maxLengthRatio} times the shorter. 0 switches a limit off.
 */
public record PairFilter(int maxLength, double maxLengthRatio) {

    /** Why a pair was dropped, or null when it is kept. */
    public enum Verdict { EMPTY, TOO_LONG, BAD_RATIO }

    public PairFilter {
        if (maxLength < 0 || maxLengthRatio < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
    }

    /** Checks lengths in pieces, after preprocessing; a side without pieces was empty or only whitespace. */
    public Verdict check(int sourceLength, int targetLength) {
        if (sourceLength == 0 || targetLength == 0) {
            return Verdict.EMPTY;
        }
        if (maxLength > 0 && (sourceLength > maxLength || targetLength > maxLength)) {
            return Verdict.TOO_LONG;
        }
        double ratio = (double) Math.max(sourceLength, targetLength) / Math.min(sourceLength, targetLength);
        if (maxLengthRatio > 0 && ratio > maxLengthRatio) {
            return Verdict.BAD_RATIO;
        }
        return null;
    }
}
