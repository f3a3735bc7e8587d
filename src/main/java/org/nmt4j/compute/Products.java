package org.nmt4j.compute;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model's matrix products, {@code c = op(a) · op(b) + β c}, in this thread's {@link Precision}: ND4J's GEMM in
 * fp32 (and always in double), or bfloat16 operands accumulated in fp32 through oneDNN under {@code BF16}.
 */
public final class Products {

    private Products() {
    }

    /** {@code c = α op(a) · op(b) + β c}, as {@code Nd4j.gemm}. */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
                            double beta) {
        if (lowered(a, c, alpha)) {
            Bf16Products bf16 = Bf16Products.forThisThread();
            bf16.multiply(bf16.convertLeft(a, transposeA), bf16.convertRight(b), transposeB, c, beta);
        } else {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
    }

    /** The same with a right operand that many products share (converted once under {@code BF16}). */
    public static void gemm(INDArray a, Reused b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        if (lowered(a, c, 1)) {
            Bf16Products bf16 = Bf16Products.forThisThread();
            bf16.multiply(bf16.convertLeft(a, transposeA), b.bf16(bf16), transposeB, c, beta);
        } else {
            Nd4j.gemm(a, b.array(), c, transposeA, transposeB, 1, beta);
        }
    }

    private static boolean lowered(INDArray a, INDArray c, double alpha) {
        return Precision.current() == Precision.BF16 && alpha == 1 && a.dataType() == DataType.FLOAT
                && c.dataType() == DataType.FLOAT && a.length() > 0 && c.length() > 0;
    }

    /** Wraps a right operand that many products will use unchanged (a run's recurrent weights). */
    public static Reused reused(INDArray b) {
        return new Reused(b);
    }

    /**
     * A right operand used by many products while its values do not change: under {@code BF16} it is rounded to
     * bfloat16 at its first product (into the workspace current then, so it must not outlive that scope).
     */
    public static final class Reused {
        private final INDArray array;
        private INDArray bf16;

        private Reused(INDArray array) {
            this.array = array;
        }

        /** The operand as it is. */
        public INDArray array() {
            return array;
        }

        INDArray bf16(Bf16Products products) {
            if (bf16 == null) {
                bf16 = products.convertRight(array);
            }
            return bf16;
        }
    }
}
