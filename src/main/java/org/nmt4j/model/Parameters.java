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
 * named view into both. An optimizer, gradient clipping and saving then work on the whole model at once.
 */
public final class Parameters {

    private final DataType dataType;
    private final INDArray values;    // [1, size]
    private final INDArray gradients; // [1, size]
    private final Map<String, Param> byName;

    private Parameters(DataType dataType, List<String> names, List<long[]> shapes) {
        this.dataType = dataType;
        long size = 0;
        for (long[] shape : shapes) {
            size += Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
        this.values = Nd4j.zeros(dataType, 1, size);
        this.gradients = Nd4j.zeros(dataType, 1, size);
        Map<String, Param> params = new LinkedHashMap<>();
        long offset = 0;
        for (int i = 0; i < names.size(); i++) {
            long[] shape = shapes.get(i);
            long length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            params.put(names.get(i), new Param(names.get(i), view(values, offset, length, shape),
                    view(gradients, offset, length, shape)));
            offset += length;
        }
        this.byName = Collections.unmodifiableMap(params);
    }

    private static INDArray view(INDArray flat, long offset, long length, long[] shape) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length)).reshape('c', shape);
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
            return new Parameters(dataType, names, shapes);
        }
    }

    public DataType dataType() {
        return dataType;
    }

    public Param get(String name) {
        Param param = byName.get(name);
        if (param == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return param;
    }

    /** All parameters in layout order. */
    public List<Param> all() {
        return List.copyOf(byName.values());
    }

    /** The flat values, [1, size]. */
    public INDArray values() {
        return values;
    }

    /** The flat gradients, [1, size]. */
    public INDArray gradients() {
        return gradients;
    }

    public long size() {
        return values.length();
    }

    public void zeroGradients() {
        gradients.assign(0);
    }
}
