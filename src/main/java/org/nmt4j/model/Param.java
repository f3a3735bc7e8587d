package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One named parameter: a view into the model's flat value buffer and the matching view of its gradient buffer. */
public record Param(String name, INDArray value, INDArray gradient) {
}
