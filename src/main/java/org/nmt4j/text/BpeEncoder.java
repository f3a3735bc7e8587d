package org.nmt4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits joiner-marked tokens into subword pieces with learned merges, subword-nmt style: every piece but a token's
 * last carries the continuation mark {@code @@}; a token's joiner mark stays on its first piece. {@link #decode}
 * undoes it exactly.
 *
 * <p>With a vocabulary threshold (subword-nmt's {@code --vocabulary-threshold}), a piece seen fewer times than the
 * threshold in the subworded training text is split back along the merges that built it, so that rare pieces do not
 * reach the model. Thread-safe.
 */
public final class BpeEncoder {

    public static final String CONTINUATION = "@@";

    /**
     * How many tokens' pieces an encoder keeps by default before it starts again: preparation meets a corpus's
     * whole word list, most of it many times.
     */
    public static final int DEFAULT_CACHE = 1_000_000;

    /**
     * The bound for translation and serving, whose inputs have no end: ~65,000 tokens' pieces (about 10 MB) keep a
     * language's frequent words while memory stays flat however many new words a long input brings (with the
     * default bound, 1,000,000 tokens' pieces would take 150 MB of heap or more: a key, a list and its pieces, about
     * 150 bytes a token in a class histogram).
     */
    public static final int TRANSLATION_CACHE = 1 << 16;

    private final BpeCodes codes;
    private final Map<String, Long> pieceCounts; // null: no threshold
    private final long threshold;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();
    private final int cacheBound;

    public BpeEncoder(BpeCodes codes) {
        this(codes, null, 0);
    }

    /** An encoder that keeps the pieces of at most {@code cacheBound} tokens (then starts again). */
    public BpeEncoder(BpeCodes codes, int cacheBound) {
        this(codes, null, 0, cacheBound);
    }

    /** @param pieceCounts how often each (marked) piece occurs in the subworded training text */
    public BpeEncoder(BpeCodes codes, Map<String, Long> pieceCounts, long threshold) {
        this(codes, pieceCounts, threshold, DEFAULT_CACHE);
    }

    private BpeEncoder(BpeCodes codes, Map<String, Long> pieceCounts, long threshold, int cacheBound) {
        if (cacheBound < 1) {
            throw new IllegalArgumentException("cache bound " + cacheBound);
        }
        this.codes = codes;
        this.pieceCounts = pieceCounts;
        this.threshold = threshold;
        this.cacheBound = cacheBound;
    }

    /** Subword pieces of a sentence of joiner-marked tokens. */
    public List<String> encode(List<String> markedTokens) {
        List<String> pieces = new ArrayList<>();
        for (String marked : markedTokens) {
            pieces.addAll(encodeToken(marked));
        }
        return pieces;
    }

    public List<String> encodeToken(String marked) {
        if (cache.size() >= cacheBound) {
            cache.clear();
        }
        return cache.computeIfAbsent(marked, this::segment);
    }

    /** How many tokens' pieces are kept now (at most the bound). */
    int cachedTokens() {
        return cache.size();
    }

    /** Joins pieces back into joiner-marked tokens. */
    public static List<String> decode(List<String> pieces) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces) {
            if (piece.endsWith(CONTINUATION) && piece.length() > CONTINUATION.length()) {
                current.append(piece, 0, piece.length() - CONTINUATION.length());
            } else {
                current.append(piece);
                tokens.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString()); // a dangling continuation: keep what there is
        }
        return tokens;
    }

    private List<String> segment(String marked) {
        Token token = Token.fromMarked(marked);
        String prefix = token.attachedToPrevious() ? Token.JOINER : "";
        List<String> symbols = mergedSymbols(token.text());
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            boolean last = i == symbols.size() - 1;
            String symbol = symbols.get(i);
            if (pieceCounts == null) {
                kept.add(last ? stripEnd(symbol) : symbol);
            } else {
                splitRare(symbol, last, kept.isEmpty() ? prefix : "", kept);
            }
        }
        List<String> pieces = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            String piece = i == 0 ? prefix + kept.get(i) : kept.get(i);
            pieces.add(i < kept.size() - 1 ? piece + CONTINUATION : piece);
        }
        return List.copyOf(pieces);
    }

    /** The word as symbols after applying merges in learned order; the last symbol ends in {@code </w>}. */
    private List<String> mergedSymbols(String word) {
        List<String> symbols = new ArrayList<>();
        word.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        int lastIndex = symbols.size() - 1;
        symbols.set(lastIndex, symbols.get(lastIndex) + BpeCodes.END_OF_WORD);
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int rank = codes.rankOf(symbols.get(i), symbols.get(i + 1));
                if (rank >= 0 && rank < bestRank) {
                    bestRank = rank;
                }
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            BpeCodes.Merge merge = codes.merges().get(bestRank);
            List<String> next = new ArrayList<>(symbols.size());
            for (int i = 0; i < symbols.size(); i++) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(merge.left())
                        && symbols.get(i + 1).equals(merge.right())) {
                    next.add(merge.merged());
                    i++;
                } else {
                    next.add(symbols.get(i));
                }
            }
            symbols.clear();
            symbols.addAll(next);
        }
        return symbols;
    }

    /**
     * Adds the symbol to {@code out} if it is frequent enough, otherwise the pieces of the merge that built it,
     * recursively (subword-nmt's recursive_split). {@code prefix} is the joiner mark the piece would carry.
     */
    private void splitRare(String symbol, boolean last, String prefix, List<String> out) {
        String plain = last ? stripEnd(symbol) : symbol;
        String asEmitted = prefix + plain + (last ? "" : CONTINUATION);
        BpeCodes.Merge producer = codes.producerOf(symbol);
        if (producer == null || pieceCounts.getOrDefault(asEmitted, 0L) >= threshold) {
            out.add(plain);
            return;
        }
        splitRare(producer.left(), false, prefix, out);
        splitRare(producer.right(), last, "", out);
    }

    private static String stripEnd(String symbol) {
        return symbol.endsWith(BpeCodes.END_OF_WORD)
                ? symbol.substring(0, symbol.length() - BpeCodes.END_OF_WORD.length()) : symbol;
    }
}
