package org.nmt4j.markup;

import java.util.List;

import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.WordLevel;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.translate.Translation;

/**
 * A source line's markup carried onto its translation through their alignment: the alignment merged to words, the
 * source words found in the plain source text, the target words in the translation's text, the elements placed
 * ({@link TagPlacement}) and written ({@link MarkupWriter}).
 */
public final class MarkupTransfer {

    private MarkupTransfer() {
    }

    /**
     * A translation of a line's plain text, written with the line's markup (a line of markup only, or an empty one,
     * comes out as its markup).
     */
    public static Translation translation(MarkedText source, Translation t, Preprocessor target) {
        return t.withText(transfer(source, AlignmentMatrix.of(t), target));
    }

    /**
     * The translation's text with the source's markup. pieceAlignment: the alignment of the source's and the
     * translation's pieces (as search or forced alignment gives it, {@code </s>} included or not); target: the
     * preprocessing that made the translation's text from its pieces.
     */
    public static String transfer(MarkedText source, AlignmentMatrix pieceAlignment, Preprocessor target) {
        return transfer(source, pieceAlignment, target, TagPlacement.THRESHOLD);
    }

    /** {@link #transfer(MarkedText, AlignmentMatrix, Preprocessor)} with another threshold of {@link TagPlacement}. */
    public static String transfer(MarkedText source, AlignmentMatrix pieceAlignment, Preprocessor target,
                                  double threshold) {
        AlignmentMatrix pieces = pieceAlignment.withoutEos();
        String text = target.detokenize(pieces.targetTokens());
        if (pieces.targetTokens().isEmpty() || pieces.sourceTokens().isEmpty()) { // an empty side: markup, then text
            return new MarkupWriter(source, text, new int[0][])
                    .write(new TagPlacement(new float[0][], new int[0][], threshold).place(source));
        }
        if (!source.hasMarkup()) {
            return source.escape(text);
        }
        List<Placed> placed = placement(source, pieces, threshold);
        List<int[]> words = WordLevel.words(pieces.targetTokens());
        return new MarkupWriter(source, text, targetSpans(pieces.targetTokens(), words, text, target)).write(placed);
    }

    /** Where the source's elements go over the target words of this alignment (without {@code </s>}). */
    public static List<Placed> placement(MarkedText source, AlignmentMatrix pieces, double threshold) {
        AlignmentMatrix words = WordLevel.merge(pieces.withoutEos());
        return new TagPlacement(words.weights(), sourceSpans(words.sourceTokens(), source.text()), threshold)
                .place(source);
    }

    /**
     * Each word's characters [start, end) in the text it was made from, found in order (ignoring case, skipping
     * whitespace); a word the text does not hold as written (a tokenizer that changed characters) is taken to be as
     * long as it is, from the next non-space character.
     */
    static int[][] sourceSpans(List<String> words, String text) {
        int[][] spans = new int[words.size()][];
        int at = 0;
        for (int k = 0; k < words.size(); k++) {
            String word = words.get(k);
            int start = skipSpace(text, at);
            int found = find(text, word, start);
            if (found >= 0) {
                start = found;
            }
            int end = Math.min(text.length(), start + word.length());
            spans[k] = new int[] {start, Math.max(start, end)};
            at = spans[k][1];
        }
        return spans;
    }

    // where word starts at or after from with only whitespace before it (within a few characters); -1 if not
    private static int find(String text, String word, int from) {
        for (int i = from; i <= text.length() - word.length() && i <= from + 3; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /**
     * Each target word's characters [start, end) in the detokenized text: a word ends where the detokenized text of
     * the pieces up to it ends, and starts after the whitespace before it.
     */
    static int[][] targetSpans(List<String> pieces, List<int[]> words, String text, Preprocessor target) {
        int[][] spans = new int[words.size()][];
        int previous = 0;
        for (int k = 0; k < words.size(); k++) {
            String prefix = target.detokenize(pieces.subList(0, words.get(k)[1]));
            int end = text.startsWith(prefix) ? prefix.length() : Math.min(text.length(), Math.max(previous,
                    prefix.length()));
            end = Math.max(end, previous);
            int start = Math.min(skipSpace(text, previous), end);
            spans[k] = new int[] {start, end};
            previous = end;
        }
        return spans;
    }
}
