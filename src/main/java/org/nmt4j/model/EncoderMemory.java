package org.nmt4j.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.FloatCopies;

/**
 * What the decoder attends to: the encoder states, their keys (projected once per batch by the attention score), and
 * which source positions are real; with batch-major copies in Java arrays for the attention's kernels
 * ({@link Attention}, {@link AttentionScore#scores}), made once per batch.
 *
 * @param values    h_j, [S,B,2H]
 * @param keys      the score's keys of h_j (e.g. U_a h_j + b_a for additive attention), [S,B,K]
 * @param mask      1 at real positions, 0 at padding, [S,B,1]
 * @param valueRows the values batch-major, [B·S·2H]
 * @param keyRows   the keys batch-major, [B·S·K]
 * @param real      whether position j of sentence b is real, at b·S + j
 * @param exact     whether the kernels compute tanh exactly (double models) or as float search does
 * @param heads     with several attention heads, each head's memory (the same values, its own keys; this memory's
 *                  keys are the first head's); empty with one head
 */
public record EncoderMemory(INDArray values, INDArray keys, INDArray mask, double[] valueRows, double[] keyRows,
                            boolean[] real, boolean exact, List<EncoderMemory> heads) {

    /** A memory over values [S,B,2H], each head's keys [S,B,K] and mask [S,B,1]. */
    public static EncoderMemory of(INDArray values, List<INDArray> headKeys, INDArray mask) {
        EncoderMemory first = of(values, headKeys.get(0), mask);
        if (headKeys.size() == 1) {
            return first;
        }
        List<EncoderMemory> heads = new ArrayList<>();
        heads.add(first);
        for (INDArray keys : headKeys.subList(1, headKeys.size())) {
            heads.add(new EncoderMemory(values, keys, mask, first.valueRows, FloatCopies.readDoubles(keys.permute(1, 0,
                    2)), first.real, first.exact, List.of()));
        }
        return new EncoderMemory(values, first.keys, mask, first.valueRows, first.keyRows, first.real, first.exact,
                List.copyOf(heads));
    }

    /** Head k's memory: this one when there is one head. */
    public EncoderMemory head(int k) {
        return heads.isEmpty() ? this : heads.get(k);
    }

    /** A memory over values [S,B,2H], keys [S,B,K] and mask [S,B,1], for one head. */
    public static EncoderMemory of(INDArray values, INDArray keys, INDArray mask) {
        int s = (int) values.size(0);
        int b = (int) values.size(1);
        double[] maskRows = FloatCopies.readDoubles(mask.reshape(s, b).transpose());
        boolean[] real = new boolean[s * b];
        for (int i = 0; i < real.length; i++) {
            real[i] = maskRows[i] != 0;
        }
        return new EncoderMemory(values, keys, mask, FloatCopies.readDoubles(values.permute(1, 0, 2)),
                FloatCopies.readDoubles(keys.permute(1, 0, 2)), real, values.dataType() == DataType.DOUBLE, List.of());
    }

    /** S. */
    public int sourceLength() {
        return (int) values.size(0);
    }

    /** B. */
    public int batchSize() {
        return (int) values.size(1);
    }

    /** 2H, the width of a value. */
    public int valueSize() {
        return (int) values.size(2);
    }

    /** K, the width of a key. */
    public int keySize() {
        return (int) keys.size(2);
    }
}
