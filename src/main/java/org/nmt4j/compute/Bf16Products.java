package org.nmt4j.compute;

import java.lang.ref.Reference;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single-precision products with bfloat16 operands through oneDNN: each operand is rounded to bfloat16 (to nearest
 * even) by a oneDNN reorder into an ND4J array of the current workspace, then a oneDNN matmul (on AMX or AVX-512 BF16)
 * accumulates in fp32 straight into C, adding β·C with a sum post-op. The primitives of a shape are kept per thread
 * (the last {@value #PLANS} shapes). Measured on one core of a Xeon with AMX: [420,256]×[256,6000] 1.5 ms against
 * 8.5 ms in fp32, the operands' conversion 0.35 ms more.
 */
final class Bf16Products {

    private static final int PLANS = 96;
    private static final engine ENGINE = Dnnl.ENGINE;
    private static final ThreadLocal<Bf16Products> PER_THREAD = ThreadLocal.withInitial(Bf16Products::new);

    private final stream stream = new stream(ENGINE);
    private final PlanCache<Key, Conversion> conversions = new PlanCache<>(PLANS);
    private final PlanCache<Key, Product> products = new PlanCache<>(PLANS);

    private Bf16Products() {
    }

    static Bf16Products forThisThread() {
        return PER_THREAD.get();
    }

    /** op(a) [m,k] rounded to bfloat16, row-major, in a new array of the current workspace. */
    INDArray convertLeft(INDArray a, boolean transpose) {
        long m = transpose ? a.size(1) : a.size(0);
        long k = transpose ? a.size(0) : a.size(1);
        long[] stored = strides(a);
        long[] strides = transpose ? new long[] {stored[1], stored[0]} : stored;
        INDArray out = Nd4j.createUninitialized(DataType.BFLOAT16, m, k);
        convert(a, new long[] {m, k}, strides, out, new long[] {k, 1});
        return out;
    }

    /** b [r,c] rounded to bfloat16 in a dense array of the same layout (row- or column-major, as b is). */
    INDArray convertRight(INDArray b) {
        long r = b.size(0);
        long c = b.size(1);
        long[] stored = strides(b);
        boolean columnMajor = stored[0] == 1 && stored[1] != 1;
        INDArray out = Nd4j.createUninitialized(DataType.BFLOAT16, new long[] {r, c}, columnMajor ? 'f' : 'c');
        convert(b, new long[] {r, c}, stored, out, columnMajor ? new long[] {1, r} : new long[] {c, 1});
        return out;
    }

    private void convert(INDArray from, long[] dims, long[] fromStrides, INDArray to, long[] toStrides) {
        Key key = new Key(dims[0], dims[1], 0, fromStrides[0], fromStrides[1], toStrides[0], toStrides[1], 0);
        Conversion c = conversions.computeIfAbsent(key, shape -> new Conversion(dims, fromStrides, toStrides));
        c.from.set_data_handle(Dnnl.address(from, 4), stream);
        c.to.set_data_handle(Dnnl.address(to, 2), stream);
        c.reorder.execute(stream, c.from, c.to);
        stream._wait();
        Reference.reachabilityFence(from);
        Reference.reachabilityFence(to);
    }

    /**
     * c = a16 · op(b16) + β c, where a16 [m,k] is row-major bfloat16 and b16 is {@link #convertRight}'s [k,n] (or
     * [n,k] when transposed).
     */
    void multiply(INDArray a16, INDArray b16, boolean transposeB, INDArray c, double beta) {
        long m = a16.size(0);
        long k = a16.size(1);
        long n = c.size(1);
        long[] stored = strides(b16);
        long[] bStrides = transposeB ? new long[] {stored[1], stored[0]} : stored;
        long[] cStrides = strides(c);
        Key key = new Key(m, n, k, bStrides[0], bStrides[1], cStrides[0], cStrides[1], (float) beta);
        Product p = products.computeIfAbsent(key, shape -> new Product(m, k, n, bStrides, cStrides, (float) beta));
        p.a.set_data_handle(Dnnl.address(a16, 2), stream);
        p.b.set_data_handle(Dnnl.address(b16, 2), stream);
        p.c.set_data_handle(Dnnl.address(c, 4), stream);
        p.matmul.execute(stream, p.arguments);
        stream._wait();
        Reference.reachabilityFence(a16);
        Reference.reachabilityFence(b16);
        Reference.reachabilityFence(c);
    }

    // a matrix's strides, those of a dimension of size 1 made dense (ND4J gives a row vector [1,n] strides [1,1],
    // which oneDNN rejects as overlapping)
    private static long[] strides(INDArray x) {
        long s0 = x.stride(0);
        long s1 = x.stride(1);
        if (x.size(1) == 1) {
            s1 = x.size(0) == 1 ? 1 : Math.max(1, s1);
        }
        if (x.size(0) == 1) {
            s0 = x.size(1) * s1;
        }
        return new long[] {s0, s1};
    }

    // a plan's shape: the sizes and strides that make its descriptors (conversions and products keep separate maps)
    private record Key(long rows, long columns, long inner, long stride0, long stride1, long stride2, long stride3,
                       float beta) {
    }

    private static final class Conversion implements PlanCache.Plan {
        final memory from;
        final memory to;
        final reorder reorder;

        Conversion(long[] dims, long[] fromStrides, long[] toStrides) {
            from = new memory(new memory.desc(dims, memory.data_type.f32, fromStrides), ENGINE, (Pointer) null);
            to = new memory(new memory.desc(dims, memory.data_type.bf16, toStrides), ENGINE, (Pointer) null);
            reorder = new reorder(from, to);
        }

        @Override
        public void close() {
            reorder.close();
            from.close();
            to.close();
        }
    }

    private static final class Product implements PlanCache.Plan {
        final memory a;
        final memory b;
        final memory c;
        final matmul matmul;
        final IntMemoryMap arguments = new IntMemoryMap();

        Product(long m, long k, long n, long[] bStrides, long[] cStrides, float beta) {
            memory.desc aDesc = new memory.desc(new long[] {m, k}, memory.data_type.bf16, new long[] {k, 1});
            memory.desc bDesc = new memory.desc(new long[] {k, n}, memory.data_type.bf16, bStrides);
            memory.desc cDesc = new memory.desc(new long[] {m, n}, memory.data_type.f32, cStrides);
            primitive_attr attributes = new primitive_attr();
            if (beta != 0) {
                post_ops ops = new post_ops();
                ops.append_sum(beta, memory.data_type.undef);
                attributes.set_post_ops(ops);
            }
            matmul.primitive_desc pd = new matmul.primitive_desc(new matmul.desc(aDesc, bDesc, cDesc), attributes,
                    ENGINE);
            matmul = new matmul(pd);
            a = new memory(aDesc, ENGINE, (Pointer) null);
            b = new memory(bDesc, ENGINE, (Pointer) null);
            c = new memory(cDesc, ENGINE, (Pointer) null);
            arguments.put(dnnl.DNNL_ARG_SRC, a);
            arguments.put(dnnl.DNNL_ARG_WEIGHTS, b);
            arguments.put(dnnl.DNNL_ARG_DST, c);
        }

        @Override
        public void close() {
            matmul.close();
            a.close();
            b.close();
            c.close();
        }
    }
}
