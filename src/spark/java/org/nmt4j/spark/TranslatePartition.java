package org.nmt4j.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.markup.MarkupTranslator;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

/** Translates the text column of a partition's rows: adds {@code translation}, {@code score} and the alignment. */
final class TranslatePartition extends ChunkedPartition {

    private final Broadcast<List<ModelFiles>> model; // one model, or an ensemble's members
    private final int column;
    private final TranslateOptions options;
    private final LongAccumulator cropped;
    private final LongAccumulator atLengthLimit;

    TranslatePartition(Broadcast<List<ModelFiles>> model, int column, TranslateOptions options, LongAccumulator cropped,
                       LongAccumulator atLengthLimit) {
        super(options.sentencesPerChunk());
        this.model = model;
        this.column = column;
        this.options = options;
        this.cropped = cropped;
        this.atLengthLimit = atLengthLimit;
    }

    @Override
    List<List<Object>> compute(List<Row> rows) {
        Translator translator = options.apply(ExecutorModels.translator(model, options.shortlist()));
        List<String> lines = new ArrayList<>(rows.size());
        for (Row row : rows) {
            lines.add(row.isNullAt(column) ? "" : row.getString(column));
        }
        List<List<Translation>> nBest = options.nBest() > 1 ? translator.translateNBest(lines, options.nBest())
                : null;
        List<Translation> translations = nBest != null ? nBest.stream().map(list -> list.get(0)).toList()
                : options.markup() == null ? translator.translate(lines)
                : new MarkupTranslator(translator, options.markup(), true).translate(lines);
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> values = new ArrayList<>();
            if (rows.get(i).isNullAt(column)) {
                values.add(null);
                values.add(null);
                if (nBest != null) {
                    values.add(null);
                }
                options.alignment().addNulls(values);
            } else {
                Translation t = translations.get(i);
                values.add(t.text());
                values.add(t.score());
                if (nBest != null) {
                    values.add(nBest.get(i).stream().map(h -> RowFactory.create(h.text(), h.score())).toArray(Row[]::new));
                }
                if (options.alignment().any()) {
                    options.alignment().addValues(AlignmentMatrix.of(t), values);
                }
                if (t.cropped() > 0) {
                    cropped.add(1);
                }
                if (t.stoppedAtLengthLimit()) {
                    atLengthLimit.add(1);
                }
            }
            out.add(values);
        }
        return out;
    }
}
