package org.nmt4j.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.FloatCopies;

/**
 * What the decoder attends to: the encoder states, their keys (projected once per batch by the attention score), and
 * which source positions are real; with batch-major copies in Java arrays for the attention's kernels
 * ({@link Attention}, {@link AttentionScore#scores}), made once per batch: float rows for a float model, double rows
 * for a double one (the finite-difference tests').
 *
 * @param values      h_j, [S,B,2H]
 * @param keys        the score's keys of h_j (e.g. U_a h_j + b_a for additive attention), [S,B,K]
 * @param mask        1 at real positions, 0 at padding, [S,B,1]
 * @param valueRows   the values batch-major, [B·S·2H], for a double model (else null)
 * @param keyRows     the keys batch-major, [B·S·K], for a double model (else null)
 * @param valueFloats the values batch-major, [B·S·2H], for a float model (else null)
 * @param keyFloats   the keys batch-major, [B·S·K], for a float model (else null)
 * @param real        whether position j of sentence b is real, at b·S + j
 * @param exact       whether the model is double: its kernels are the double twins, with exact tanh
 * @param heads       with several attention heads, each head's memory (the same values, its own keys; this memory's
 *                    keys are the first head's); empty with one head
 */
public record EncoderMemory(INDArray values, INDArray keys, INDArray mask, double[] valueRows, double[] keyRows,
                            float[] valueFloats, float[] keyFloats, boolean[] real, boolean exact,
                            List<EncoderMemory> heads) {

    /** A memory over values [S,B,2H], each head's keys [S,B,K] and mask [S,B,1]. */
    public static EncoderMemory of(INDArray values, List<INDArray> headKeys, INDArray mask) {
        EncoderMemory first = of(values, headKeys.get(0), mask);
        if (headKeys.size() == 1) {
            return first;
        }
        List<EncoderMemory> heads = new ArrayList<>();
        heads.add(first);
        for (INDArray keys : headKeys.subList(1, headKeys.size())) {
            INDArray byBatch = keys.permute(1, 0, 2);
            heads.add(new EncoderMemory(values, keys, mask, first.valueRows,
                    first.exact ? FloatCopies.readDoubles(byBatch) : null, first.valueFloats,
                    first.exact ? null : floats(byBatch), first.real, first.exact, List.of()));
        }
        return new EncoderMemory(values, first.keys, mask, first.valueRows, first.keyRows, first.valueFloats,
                first.keyFloats, first.real, first.exact, List.copyOf(heads));
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
        INDArray valuesByBatch = values.permute(1, 0, 2);
        INDArray keysByBatch = keys.permute(1, 0, 2);
        if (values.dataType() == DataType.DOUBLE) {
            return new EncoderMemory(values, keys, mask, FloatCopies.readDoubles(valuesByBatch),
                    FloatCopies.readDoubles(keysByBatch), null, null, real, true, List.of());
        }
        return new EncoderMemory(values, keys, mask, null, null, floats(valuesByBatch),
                floats(keysByBatch), real, false, List.of());
    }

    // the elements of a float array (a view of any layout) in row-major order
    private static float[] floats(INDArray x) {
        float[] out = new float[(int) x.length()];
        FloatCopies.read(x, out);
        return out;
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
