package org.nmt4j.spark;

import java.io.Serializable;

import org.nmt4j.compute.Precision;
import org.nmt4j.config.DecodingConfig;
import org.nmt4j.markup.Markup;
import org.nmt4j.translate.Translator;

/**
 * The search settings of a distributed translation, as {@code nmt4j translate} takes them (null: the model's
 * config), and the alignment columns to add.
 *
 * @param sentencesPerChunk rows of a partition read, translated and emitted at a time (sorted by length into the
 *                          model's batches inside): a task's memory does not grow with its partition
 * @param markup            the markup the column's text carries (put back around the translation's words; a row
 *                          whose markup is malformed is translated as text), or null
 * @param nBest             translations kept per row, best first (more than 1: a column {@code n_best} of them beside
 *                          the best; at most the beam)
 * @param shortlist         score only the lexical shortlist of the (first) model folder ({@code shortlist.tsv},
 *                          made by {@code nmt4j shortlist})
 * @param precision         the search's products ({@code translate --precision}): FP32, or BF16 on executors whose
 *                          processors have AVX-512 BF16 or AMX
 */
public record TranslateOptions(Integer beam, Double alpha, Double maxLengthRatio, Integer batchSize,
                               Integer maxSourceLength, boolean replaceUnknown, AlignmentColumns alignment,
                               int sentencesPerChunk, Markup markup, int nBest, boolean shortlist,
                               Precision precision)
        implements Serializable {

    /** Checks the settings on the driver, before any task runs. */
    public TranslateOptions {
        DecodingConfig.checkOverrides(beam, alpha, maxLengthRatio, batchSize, maxSourceLength);
        if (sentencesPerChunk < 1) {
            throw new IllegalArgumentException("sentencesPerChunk must be at least 1");
        }
        java.util.Objects.requireNonNull(alignment, "alignment");
        if (nBest < 1 || (beam != null && nBest > beam)) {
            throw new org.nmt4j.io.UserError("--n-best " + nBest + " is not between 1 and the beam size"
                    + (beam == null ? "" : " (" + beam + ")"));
        }
        java.util.Objects.requireNonNull(precision, "precision");
        if (nBest > 1 && markup != null) {
            throw new org.nmt4j.io.UserError("--n-best and --markup cannot be combined");
        }
    }

    /** The settings in fp32. */
    public TranslateOptions(Integer beam, Double alpha, Double maxLengthRatio, Integer batchSize,
                            Integer maxSourceLength, boolean replaceUnknown, AlignmentColumns alignment,
                            int sentencesPerChunk, Markup markup, int nBest, boolean shortlist) {
        this(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown, alignment, sentencesPerChunk,
                markup, nBest, shortlist, Precision.FP32);
    }

    public static TranslateOptions defaults() {
        return new TranslateOptions(null, null, null, null, null, false, AlignmentColumns.none(), 1024, null, 1, false,
                Precision.FP32);
    }

    public TranslateOptions withBeam(int beamSize) {
        return new TranslateOptions(beamSize, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentencesPerChunk, markup, nBest, shortlist, precision);
    }

    public TranslateOptions withAlignment(AlignmentColumns columns) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown, columns,
                sentencesPerChunk, markup, nBest, shortlist, precision);
    }

    public TranslateOptions withChunk(int sentences) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentences, markup, nBest, shortlist, precision);
    }

    /** The column's text carries the markup named {@code xml} or {@code html} (null: none). */
    public TranslateOptions withMarkup(String name) {
        try {
            return withMarkup(name == null ? null : Markup.of(name));
        } catch (IllegalArgumentException e) {
            throw new org.nmt4j.io.UserError("--markup: " + e.getMessage());
        }
    }

    /** The column's text carries this markup (null: none). */
    public TranslateOptions withMarkup(Markup kind) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentencesPerChunk, kind, nBest, shortlist, precision);
    }

    /** Keep the n best translations of each row (n ≤ the beam). */
    public TranslateOptions withNBest(int n) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentencesPerChunk, markup, n, shortlist, precision);
    }

    /** Score only the model folder's lexical shortlist ({@code shortlist.tsv}). */
    public TranslateOptions withShortlist(boolean on) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentencesPerChunk, markup, nBest, on, precision);
    }

    /**
     * The search's products in the precision named {@code fp32} or {@code bf16} (bf16 is refused in one line where
     * the driver's processor lacks it: executors are taken to be alike).
     */
    public TranslateOptions withPrecision(String name) {
        Precision p;
        try {
            p = Precision.parse(name);
        } catch (IllegalArgumentException e) {
            throw new org.nmt4j.io.UserError("--precision: " + e.getMessage());
        }
        String unsupported = p.unsupportedReason();
        if (unsupported != null) {
            throw new org.nmt4j.io.UserError(unsupported);
        }
        return withPrecision(p);
    }

    /** The search's products in this precision. */
    public TranslateOptions withPrecision(Precision p) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentencesPerChunk, markup, nBest, shortlist, p);
    }

    /** The translator for these settings, over a loaded model (the packed bf16 weights are the model's, made once). */
    Translator apply(Translator loaded) {
        DecodingConfig decoding = loaded.decoding().withOverrides(beam, alpha, maxLengthRatio, batchSize,
                maxSourceLength, 0);
        Translator searching = loaded.with(decoding, replaceUnknown);
        return precision == Precision.FP32 ? searching : searching.withPrecision(precision);
    }
}
