package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.Batch;
import org.nmt4j.model.Embedding;
import org.nmt4j.model.Encoder;
import org.nmt4j.model.GruCell;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.Parameters;

/** The search encoder gives the training encoder's states, batch-major, padding included. */
class SearchEncoderTest {

    // H = 64 with E = 32: ND4J's slice of a parameter view went wrong at this size (see SearchWeights.copy)
    @ParameterizedTest
    @ValueSource(ints = {5, 64})
    void givesTheTrainingEncodersStatesBatchMajor(int h) {
        NmtModel model = NmtModel.create(new ModelConfig(32, h, 7, 4, 5, "additive", 0, 0), 19, 11, DataType.FLOAT, 3);
        Parameters p = model.snapshot().parameters();
        Encoder encoder = new Encoder(new Embedding(p.get("source.embedding")), new GruCell(p, "encoder.forward"),
                new GruCell(p, "encoder.backward"));
        // lengths 7, 3, 1 and 5 with </s>: padding in three of the four sentences
        Batch batch = Batch.sources(List.of(new int[] {4, 5, 6, 7, 8, 9}, new int[] {10, 11}, new int[] {},
                new int[] {12, 13, 14, 15}));
        INDArray expected = encoder.forward(batch, 0, null).states(); // [S,B,2H]

        float[] states = new SearchEncoder(p).encode(batch); // [B,S,2H]

        int s = batch.sourceLength();
        int b = batch.batchSize();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < s; j++) {
                for (int k = 0; k < 2 * h; k++) {
                    assertEquals(expected.getDouble(j, i, k), states[(i * s + j) * 2 * h + k], 1e-6,
                            "sentence " + i + ", position " + j + ", unit " + k);
                }
            }
        }
    }
}
