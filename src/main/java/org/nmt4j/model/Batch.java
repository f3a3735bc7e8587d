package org.nmt4j.model;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nmt4j.text.Vocabulary;

/**
 * A padded batch in time-major order (position t of sentence b at index t·B + b). Sources end in {@code </s>}; the
 * decoder reads {@code <s> y_1 … y_n} and predicts {@code y_1 … y_n </s>}.
 *
 * @param sourceIds       [S·B] source ids, padded with {@code <pad>}
 * @param sourceLengths   [B] real source lengths, {@code </s>} included
 * @param targetInputIds  [T·B] decoder inputs; empty for a source-only batch
 * @param targetOutputIds [T·B] tokens to predict
 * @param targetMask      [T·B] 1 at real target positions
 * @param links           null, or per sentence the links that guide its attention (guided alignment), flattened
 *                        {@code [s, t, s, t, ...]}: source position s (from 0, without {@code </s>}) with target
 *                        position t (the t-th predicted token)
 */
public record Batch(int batchSize, int sourceLength, int targetLength, int[] sourceIds, int[] sourceLengths,
                    int[] targetInputIds, int[] targetOutputIds, double[] targetMask, long targetTokens,
                    int[][] links) implements java.io.Serializable {

    /** A batch without guiding links. */
    public Batch(int batchSize, int sourceLength, int targetLength, int[] sourceIds, int[] sourceLengths,
                 int[] targetInputIds, int[] targetOutputIds, double[] targetMask, long targetTokens) {
        this(batchSize, sourceLength, targetLength, sourceIds, sourceLengths, targetInputIds, targetOutputIds,
                targetMask, targetTokens, null);
    }

    /** The same batch with links guiding each sentence's attention (one flattened array per sentence). */
    public Batch withLinks(int[][] sentenceLinks) {
        if (sentenceLinks.length != batchSize) {
            throw new IllegalArgumentException(sentenceLinks.length + " sentences' links for " + batchSize);
        }
        return new Batch(batchSize, sourceLength, targetLength, sourceIds, sourceLengths, targetInputIds,
                targetOutputIds, targetMask, targetTokens, sentenceLinks);
    }

    /** A training batch from source and target id sequences (without specials). */
    public static Batch of(List<int[]> sources, List<int[]> targets) {
        int b = sources.size();
        int s = 0;
        int t = 0;
        for (int i = 0; i < b; i++) {
            s = Math.max(s, sources.get(i).length + 1);
            t = Math.max(t, targets.get(i).length + 1);
        }
        int[] sourceIds = new int[s * b];
        int[] sourceLengths = sourceLayout(sources, s, sourceIds);
        int[] in = new int[t * b];
        int[] out = new int[t * b];
        double[] mask = new double[t * b];
        long tokens = 0;
        for (int i = 0; i < b; i++) {
            int[] target = targets.get(i);
            for (int j = 0; j <= target.length; j++) {
                in[j * b + i] = j == 0 ? Vocabulary.BOS_ID : target[j - 1];
                out[j * b + i] = j == target.length ? Vocabulary.EOS_ID : target[j];
                mask[j * b + i] = 1;
                tokens++;
            }
        }
        return new Batch(b, s, t, sourceIds, sourceLengths, in, out, mask, tokens);
    }

    /** A batch of sources only, for translation. */
    public static Batch sources(List<int[]> sources) {
        int s = 0;
        for (int[] source : sources) {
            s = Math.max(s, source.length + 1);
        }
        int[] sourceIds = new int[s * sources.size()];
        int[] lengths = sourceLayout(sources, s, sourceIds);
        return new Batch(sources.size(), s, 0, sourceIds, lengths, new int[0], new int[0], new double[0], 0);
    }

    private static int[] sourceLayout(List<int[]> sources, int s, int[] ids) {
        int b = sources.size();
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            int[] source = sources.get(i);
            for (int j = 0; j < source.length; j++) {
                ids[j * b + i] = source[j];
            }
            ids[source.length * b + i] = Vocabulary.EOS_ID;
            lengths[i] = source.length + 1;
        }
        return lengths;
    }

    /** 1 at real source positions, [S,B,1]. */
    public INDArray sourceMask(DataType dataType) {
        double[] mask = new double[sourceLength * batchSize];
        for (int i = 0; i < batchSize; i++) {
            for (int j = 0; j < sourceLengths[i]; j++) {
                mask[j * batchSize + i] = 1;
            }
        }
        return Nd4j.createFromArray(mask).castTo(dataType).reshape(sourceLength, batchSize, 1);
    }

    /** Whether every sentence is longer than t, so step t needs no masking. */
    public boolean sourceFull(int t) {
        for (int length : sourceLengths) {
            if (length <= t) {
                return false;
            }
        }
        return true;
    }
}
