package org.nmt4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All of a model's parameters in one flat buffer, and their gradients in another of the same layout, each parameter a
 * named view into both. An optimizer, gradient clipping and saving then work on the whole model at once. The gradient
 * buffer is allocated on first use, so a model that only translates holds its values alone.
 */
public final class Parameters {

    private final DataType dataType;
    private final INDArray values;    // [1, size]
    private volatile INDArray gradients; // [1, size], allocated by the first gradients()
    private final Map<String, Param> byName;
    private final Map<String, Long> offsets = new java.util.HashMap<>();
    private final List<String> names;
    private final List<long[]> shapes;

    private Parameters(DataType dataType, List<String> names, List<long[]> shapes, INDArray sharedValues) {
        this.dataType = dataType;
        this.names = List.copyOf(names);
        this.shapes = List.copyOf(shapes);
        long size = 0;
        for (long[] shape : shapes) {
            size += Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
        this.values = sharedValues != null ? sharedValues : Nd4j.zeros(dataType, 1, size);
        Map<String, Param> params = new LinkedHashMap<>();
        long offset = 0;
        for (int i = 0; i < names.size(); i++) {
            long[] shape = shapes.get(i);
            long length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            params.put(names.get(i), param(names.get(i), offset, length, shape));
            offsets.put(names.get(i), offset);
            offset += length;
        }
        this.byName = Collections.unmodifiableMap(params);
    }

    private static INDArray view(INDArray flat, long offset, long length, long[] shape) {
        INDArray row = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length));
        return shape.length == 1 ? row : row.reshape('c', shape);
    }

    /** Collects parameter names and shapes, then allocates them in that order. */
    public static final class Layout {
        private final List<String> names = new ArrayList<>();
        private final List<long[]> shapes = new ArrayList<>();

        public Layout add(String name, long... shape) {
            if (names.contains(name)) {
                throw new IllegalArgumentException("duplicate parameter " + name);
            }
            names.add(name);
            shapes.add(shape.clone());
            return this;
        }

        public Parameters allocate(DataType dataType) {
            return new Parameters(dataType, names, shapes, null);
        }
    }

    public DataType dataType() {
        return dataType;
    }

    /** Whether the layout has a parameter of this name. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public Param get(String name) {
        Param param = byName.get(name);
        if (param == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return param;
    }

    /**
     * Part {@code index} along the first dimension of a parameter (e.g. one gate of a gate-major GRU weight), as views
     * made directly from the flat buffers (ND4J's {@code slice()} of a reshaped view can lose its buffer).
     */
    public Param part(String name, int index) {
        long[] shape = get(name).value().shape();
        long[] partShape = Arrays.copyOfRange(shape, 1, shape.length);
        long length = Arrays.stream(partShape).reduce(1, (a, b) -> a * b);
        return block(name, index * length, partShape);
    }

    /**
     * A contiguous block of a parameter: the elements from {@code start} (in the parameter's row-major order) that
     * fill {@code shape}, e.g. some rows of a matrix. Made directly from the flat buffers: ND4J's {@code get} and
     * {@code slice} on views of views can return arrays without a buffer.
     */
    public Param block(String name, long start, long... shape) {
        long length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (start < 0 || start + length > get(name).value().length()) {
            throw new IllegalArgumentException("block outside " + name);
        }
        long offset = offsets.get(name) + start;
        return param(name + "@" + start, offset, length, shape);
    }

    private Param param(String name, long offset, long length, long[] shape) {
        return new Param(name, view(values, offset, length, shape), () -> outOfWorkspaces(() ->
                view(gradients(), offset, length, shape)));
    }

    private static INDArray outOfWorkspaces(java.util.function.Supplier<INDArray> make) {
        try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored =
                     Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }

    /**
     * The same parameter values (shared, not copied) with a gradient buffer of their own: a model over it can run
     * forward and backward on another thread at the same time as this one's, e.g. on another shard of a batch.
     */
    public Parameters withOwnGradients() {
        return new Parameters(dataType, names, shapes, values);
    }

    /** Parameters with a copy of these values (and gradients of their own): later updates of these do not reach it. */
    public Parameters copy() {
        return new Parameters(dataType, names, shapes, outOfWorkspaces(values::dup));
    }

    /** All parameters in layout order. */
    public List<Param> all() {
        return List.copyOf(byName.values());
    }

    /** The flat values, [1, size]. */
    public INDArray values() {
        return values;
    }

    /** The flat gradients, [1, size] (allocated, zeroed, on first use; outside any workspace). */
    public INDArray gradients() {
        INDArray g = gradients;
        if (g == null) {
            synchronized (this) {
                if (gradients == null) {
                    gradients = outOfWorkspaces(() -> Nd4j.zeros(dataType, 1, values.length()));
                }
                g = gradients;
            }
        }
        return g;
    }

    public long size() {
        return values.length();
    }

    public void zeroGradients() {
        gradients().assign(0);
    }
}
