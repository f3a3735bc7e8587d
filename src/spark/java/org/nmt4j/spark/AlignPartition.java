package org.nmt4j.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.ForcedAligner;
import org.nmt4j.align.SymmetrizedAlignment;
import org.nmt4j.align.SymmetrizationRule;

/**
 * Aligns the source and target columns of a partition's rows by forced decoding: adds the alignment columns; with a
 * reverse model, each pair's alignment combined with that model's, as {@code nmt4j align --reverse-model}.
 */
final class AlignPartition extends ChunkedPartition {

    private final Broadcast<List<ModelFiles>> model; // one model, or an ensemble's members
    private final int sourceColumn;
    private final int targetColumn;
    private final int batchSize;
    private final AlignmentColumns alignment;
    private final Broadcast<List<ModelFiles>> reverse; // null: one direction
    private final SymmetrizationRule rule;

    AlignPartition(Broadcast<List<ModelFiles>> model, int sourceColumn, int targetColumn, int batchSize,
                   AlignmentColumns alignment, int chunk, Broadcast<List<ModelFiles>> reverse,
                   SymmetrizationRule rule) {
        super(chunk);
        this.model = model;
        this.reverse = reverse;
        this.rule = rule;
        this.sourceColumn = sourceColumn;
        this.targetColumn = targetColumn;
        this.batchSize = batchSize;
        this.alignment = alignment;
    }

    @Override
    List<List<Object>> compute(List<Row> rows) {
        ForcedAligner aligner = new ForcedAligner(ExecutorModels.translator(model), batchSize);
        List<String> sources = new ArrayList<>(rows.size());
        List<String> targets = new ArrayList<>(rows.size());
        for (Row row : rows) {
            sources.add(row.isNullAt(sourceColumn) ? "" : row.getString(sourceColumn));
            targets.add(row.isNullAt(targetColumn) ? "" : row.getString(targetColumn));
        }
        List<AlignmentMatrix> matrices = aligner.align(sources, targets);
        List<SymmetrizedAlignment> combined = reverse == null ? null : SymmetrizedAlignment.of(matrices,
                new ForcedAligner(ExecutorModels.translator(reverse), batchSize), sources, targets, rule);
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> values = new ArrayList<>();
            if (rows.get(i).isNullAt(sourceColumn) || rows.get(i).isNullAt(targetColumn)) {
                alignment.addNulls(values);
            } else if (combined == null) {
                alignment.addValues(matrices.get(i), values);
            } else {
                alignment.addValues(combined.get(i), values);
            }
            out.add(values);
        }
        return out;
    }
}
