package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class EmbeddingTest {

    private final LayerFixture fixture = new LayerFixture(19);
    private final Parameters parameters = fixture.parameters(new Parameters.Layout().add("E", 6, 3));
    private final Embedding embedding = new Embedding(parameters.get("E"));
    private final int[] ids = {2, 5, 2, 0, 2};
    private final INDArray weights = fixture.uniform(5, 3);

    @Test
    void rowsAreLookedUp() {
        assertEquals(parameters.get("E").value().getRow(5), embedding.forward(ids).getRow(1));
    }

    @Test
    void repeatedIdsAddUpAndUnusedRowsGetNothing() {
        LayerFixture.checkParameters(parameters, () -> embedding.backward(ids, weights),
                () -> LayerFixture.weightedSum(embedding.forward(ids), weights));
        parameters.zeroGradients();
        embedding.backward(ids, weights);
        INDArray gradient = parameters.get("E").gradient();
        assertEquals(weights.getRow(0).add(weights.getRow(2)).add(weights.getRow(4)), gradient.getRow(2));
        assertEquals(0.0, gradient.getRow(1).norm2Number().doubleValue(), 0.0);
    }
}
