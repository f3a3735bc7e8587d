package org.nmt4j.compute;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * tanh and the logistic sigmoid over ND4J arrays, the model's two nonlinearities.
 *
 * <p>ND4J 1.0.0-M2.1's CPU build evaluates both one element at a time through libm: about 9 ns an element for tanh
 * and 3.5–11 ns for the sigmoid on this machine, which made the attention's tanh over [S,N,A] the largest cost of a
 * beam-search step. For contiguous float arrays this class instead evaluates Eigen's rational approximation of tanh
 * (odd degree-13 numerator over even degree-6 denominator, input clamped to ±7.9053; absolute error ≤ 3.3·10⁻⁷,
 * float's own rounding of tanh is 6·10⁻⁸) in plain Java loops over blocks of a float[], which HotSpot's C2 compiles to
 * AVX: about 1.3 ns an element per thread including the copies in and out. The sigmoid is
 * {@code σ(x) = (1 + tanh(x/2)) / 2}. Large arrays are split over the native thread count. Double arrays (the
 * finite-difference gradient tests) and strided views keep ND4J's exact ops.
 */
public final class Activations {

    private static final float CLAMP = 7.90531110763549805f; // tanh rounds to ±1 in float beyond this
    private static final int BLOCK = 4096;                    // floats per pass: 16 KB stays in L1
    private static final int PARALLEL_FROM = 1 << 16;         // elements; below this one thread is faster
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[BLOCK]);

    private Activations() {
    }

    /** tanh(x), written over x. */
    public static INDArray tanh(INDArray x) {
        if (!contiguousFloat(x)) {
            return Transforms.tanh(x, false);
        }
        apply(x, x, false);
        return x;
    }

    /** σ(in) written into out (which may be in), same shape. */
    public static INDArray sigmoid(INDArray in, INDArray out) {
        if (!contiguousFloat(in) || !contiguousFloat(out) || in.ordering() != out.ordering()) {
            Nd4j.exec(new Sigmoid(in, out));
            return out;
        }
        apply(in, out, true);
        return out;
    }

    private static boolean contiguousFloat(INDArray x) {
        return x.dataType() == DataType.FLOAT && x.elementWiseStride() == 1 && !x.isEmpty();
    }

    private static void apply(INDArray in, INDArray out, boolean sigmoid) {
        FloatBuffer source = in.data().asNioFloat();
        FloatBuffer target = out.data().asNioFloat();
        int from = (int) in.offset();
        int to = (int) out.offset();
        int length = (int) in.length();
        int parts = length < PARALLEL_FROM ? 1 : Math.max(1, Math.min(threads(), length / (PARALLEL_FROM / 2)));
        if (parts == 1) {
            range(source, from, target, to, 0, length, sigmoid);
        } else {
            int per = (length + parts - 1) / parts;
            IntStream.range(0, parts).parallel().forEach(p -> {
                int start = p * per;
                range(source, from, target, to, start, Math.min(length, start + per), sigmoid);
            });
        }
        Reference.reachabilityFence(in); // the NIO views do not keep the arrays reachable
        Reference.reachabilityFence(out);
    }

    private static int threads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    // elements [start, end) of the array at `from` in source, written at `to` in target
    private static void range(FloatBuffer source, int from, FloatBuffer target, int to, int start, int end,
                              boolean sigmoid) {
        float[] block = SCRATCH.get();
        for (int i = start; i < end; i += BLOCK) {
            int n = Math.min(BLOCK, end - i);
            source.get(from + i, block, 0, n);
            if (sigmoid) {
                clamp(block, n, 0.5f);
                rational(block, n, 0.5f, 0.5f);
            } else {
                tanh(block, n);
            }
            target.put(to + i, block, 0, n);
        }
    }

    /** tanh over x[0, n) in place, the same approximation as for arrays. */
    public static void tanh(float[] x, int n) {
        clamp(x, n, 1f);
        rational(x, n, 1f, 0f);
    }

    /** σ over x[0, n) in place, the same approximation as for arrays. */
    public static void sigmoid(float[] x, int n) {
        clamp(x, n, 0.5f);
        rational(x, n, 0.5f, 0.5f);
    }

    /**
     * tanh over x[0, n) in place, exact (Math.tanh): the double-precision twins of the float kernels (the build
     * generates them by replacing the type, so this overload answers the float one) for the finite-difference tests.
     */
    public static void tanh(double[] x, int n) {
        tanh(x, n, true);
    }

    /** σ over x[0, n) in place, exact: the double-precision twin of {@link #sigmoid(float[], int)}. */
    public static void sigmoid(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = 1 / (1 + Math.exp(-x[i]));
        }
    }

    /**
     * tanh over x[0, n) in place, in double: the same rational approximation as for floats (the function float
     * search computes) unless {@code exact}, which is Math.tanh (the finite-difference tests' double models).
     */
    public static void tanh(double[] x, int n, boolean exact) {
        if (exact) {
            for (int i = 0; i < n; i++) {
                x[i] = Math.tanh(x[i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double v = Math.max(-CLAMP, Math.min(CLAMP, x[i]));
            double v2 = v * v;
            double p = v2 * -2.76076847742355e-16 + 2.00018790482477e-13;
            p = v2 * p + -8.60467152213735e-11;
            p = v2 * p + 5.12229709037114e-08;
            p = v2 * p + 1.48572235717979e-05;
            p = v2 * p + 6.37261928875436e-04;
            p = v2 * p + 4.89352455891786e-03;
            double q = v2 * 1.19825839466702e-06 + 1.18534705686654e-04;
            q = v2 * q + 2.26843463243900e-03;
            q = v2 * q + 4.89352518554385e-03;
            x[i] = v * p / q;
        }
    }

    // x ← clamp(scale·x, ±CLAMP); a loop of its own so that C2 vectorizes it
    private static void clamp(float[] x, int n, float scale) {
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(-CLAMP, Math.min(CLAMP, scale * x[i]));
        }
    }

    // x ← a·tanh(x) + b for clamped x
    private static void rational(float[] x, int n, float a, float b) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            float v2 = v * v;
            float p = v2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
            p = v2 * p + -8.60467152213735e-11f;
            p = v2 * p + 5.12229709037114e-08f;
            p = v2 * p + 1.48572235717979e-05f;
            p = v2 * p + 6.37261928875436e-04f;
            p = v2 * p + 4.89352455891786e-03f;
            float q = v2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
            q = v2 * q + 2.26843463243900e-03f;
            q = v2 * q + 4.89352518554385e-03f;
            x[i] = a * (v * p / q) + b;
        }
    }
}
