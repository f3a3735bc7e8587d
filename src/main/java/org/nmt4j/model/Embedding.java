package org.nmt4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** A lookup table of token vectors. Its gradient is sparse: backward adds into the rows the batch used, only. */
public final class Embedding {

    private final Param weight; // [V,E]

    public Embedding(Param weight) {
        this.weight = weight;
    }

    public long size() {
        return weight.value().size(1);
    }

    // ids: [N] int -> [N,E]; the gather op with a given output (getRows takes ~250 times as long)
    public INDArray forward(int[] ids) {
        INDArray table = weight.value();
        INDArray out = Nd4j.createUninitialized(table.dataType(), ids.length, table.size(1));
        Nd4j.exec(DynamicCustomOp.builder("gather")
                .addInputs(table, Nd4j.createFromArray(ids))
                .addOutputs(out)
                .addIntegerArguments(0)
                .build());
        return out;
    }

    // dOut: [N,E], scatter-added into the rows of ids (repeated ids add up)
    public void backward(int[] ids, INDArray dOut) {
        INDArray indices = Nd4j.createFromArray(ids); // int[] gives INT32 already
        Nd4j.exec(DynamicCustomOp.builder("scatter_add")
                .addInputs(weight.gradient(), indices, dOut)
                .addOutputs(weight.gradient())
                .build());
    }
}
