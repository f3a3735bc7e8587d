package org.nmt4j.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nmt4j.compute.RowProducts;
import org.nmt4j.config.ModelConfig;
import org.nmt4j.model.Batch;
import org.nmt4j.model.CellKind;
import org.nmt4j.model.Embedding;
import org.nmt4j.model.Encoder;
import org.nmt4j.model.NmtModel;
import org.nmt4j.model.Parameters;
import org.nmt4j.model.cell.CellKinds;

/** The search encoder gives the training encoder's states, batch-major, padding included. */
class SearchEncoderTest {

    // H = 64 with E = 32: ND4J's slice of a parameter view went wrong at this size (see GruSearchCell.copy)
    static List<Arguments> variants() {
        List<Arguments> variants = new ArrayList<>();
        for (String cell : CellKinds.ALL.names()) {
            variants.add(Arguments.of(cell, 5));
            variants.add(Arguments.of(cell, 64));
        }
        return variants;
    }

    @ParameterizedTest(name = "{0}, H = {1}")
    @MethodSource("variants")
    void givesTheTrainingEncodersStatesBatchMajor(String cell, int h) {
        NmtModel model = NmtModel.create(new ModelConfig(32, h, 7, 4, 5, "additive", cell, 0, 0), 19, 11,
                DataType.FLOAT, 3);
        Parameters p = model.snapshot().parameters();
        CellKind kind = CellKinds.ALL.get(cell);
        Encoder encoder = new Encoder(new Embedding(p.get("source.embedding")), kind.training(p, "encoder.forward"),
                kind.training(p, "encoder.backward"));
        SearchEncoder search = new SearchEncoder(p.get("source.embedding").value().dup('c'),
                kind.search(p, "encoder.forward"), kind.search(p, "encoder.backward"));
        // lengths 7, 3, 1 and 5 with </s>: padding in three of the four sentences (steps multiplied in Java)
        List<int[]> few = List.of(new int[] {4, 5, 6, 7, 8, 9}, new int[] {10, 11}, new int[] {},
                new int[] {12, 13, 14, 15});
        // more sentences than RowProducts.MAX_ROWS (the same four, over and over): steps multiplied by BLAS into
        // arrays reused from step to step
        List<int[]> many = new ArrayList<>();
        for (int i = 0; i < RowProducts.MAX_ROWS + 4; i++) {
            many.add(few.get(i % few.size()));
        }
        for (List<int[]> sources : List.of(few, many)) {
            Batch batch = Batch.sources(sources);
            INDArray expected = encoder.forward(batch, 0, null).states(); // [S,B,2H]
            float[] states = search.encode(batch); // [B,S,2H]
            int s = batch.sourceLength();
            int b = batch.batchSize();
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < s; j++) {
                    for (int k = 0; k < 2 * h; k++) {
                        assertEquals(expected.getDouble(j, i, k), states[(i * s + j) * 2 * h + k], 1e-6,
                                b + " sentences: sentence " + i + ", position " + j + ", unit " + k);
                    }
                }
            }
        }
    }
}
