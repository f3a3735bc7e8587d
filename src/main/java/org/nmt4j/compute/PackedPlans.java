package org.nmt4j.compute;

import java.lang.ref.Reference;
import java.util.function.IntFunction;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a thread keeps for the products of packed weights ({@link PackedBf16}, {@link PackedInt8}): its stream, the
 * native buffer its rows are converted into, and a matmul primitive per weights and row count (the last
 * {@value #PLANS}).
 */
final class PackedPlans {

    private static final int PLANS = 128;
    private static final ThreadLocal<PackedPlans> PER_THREAD = ThreadLocal.withInitial(PackedPlans::new);

    private final stream stream = new stream(Dnnl.ENGINE);
    private final PlanCache<Key, Plan> plans = new PlanCache<>(PLANS);
    private BytePointer source = new BytePointer(0L);

    private PackedPlans() {
    }

    /**
     * Weights in the layout oneDNN chose for them in {@code probe}'s product, reordered from {@code plain}; the probe
     * and the plain memory are closed.
     */
    static memory pack(matmul.primitive_desc probe, memory plain) {
        memory packed = new memory(probe.weights_desc(), Dnnl.ENGINE);
        stream stream = new stream(Dnnl.ENGINE);
        new reorder(plain, packed).execute(stream, plain, packed);
        stream._wait();
        plain.close();
        probe.close();
        return packed;
    }

    /** This thread's. */
    static PackedPlans current() {
        return PER_THREAD.get();
    }

    /** The buffer the rows go into, at least this many bytes (grown and kept: allocating per step costs more). */
    BytePointer source(long bytes) {
        if (source.capacity() < bytes) {
            source.close();
            source = new BytePointer(bytes);
        }
        return source;
    }

    /**
     * out [n,N] (float, dense) = the rows in {@link #source} times the packed weights, with the primitive
     * {@code describe} gives for n rows (made once per weights and row count).
     */
    void multiply(PackedWeights weights, memory packed, int n, IntFunction<matmul.primitive_desc> describe,
                  INDArray out) {
        Plan plan = plans.computeIfAbsent(new Key(weights, n), key -> new Plan(describe.apply(n), packed));
        plan.source.set_data_handle(source, stream);
        plan.destination.set_data_handle(Dnnl.address(out, 4), stream);
        plan.matmul.execute(stream, plan.arguments);
        stream._wait();
        Reference.reachabilityFence(out);
    }

    private record Key(PackedWeights weights, int rows) {
    }

    private static final class Plan implements PlanCache.Plan {
        final memory source;
        final memory destination;
        final matmul matmul;
        final IntMemoryMap arguments = new IntMemoryMap();

        Plan(matmul.primitive_desc description, memory packed) {
            matmul = new matmul(description);
            source = new memory(description.src_desc(), Dnnl.ENGINE, (Pointer) null);
            destination = new memory(description.dst_desc(), Dnnl.ENGINE, (Pointer) null);
            arguments.put(dnnl.DNNL_ARG_SRC, source);
            arguments.put(dnnl.DNNL_ARG_WEIGHTS, packed);
            arguments.put(dnnl.DNNL_ARG_DST, destination);
            description.close();
        }

        @Override
        public void close() {
            matmul.close();
            source.close();
            destination.close();
        }
    }
}
