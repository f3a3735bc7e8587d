package org.nmt4j.spark;

import java.io.Serializable;

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
 */
public record TranslateOptions(Integer beam, Double alpha, Double maxLengthRatio, Integer batchSize,
                               Integer maxSourceLength, boolean replaceUnknown, AlignmentColumns alignment,
                               int sentencesPerChunk, Markup markup, int nBest, boolean shortlist)
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
        if (nBest > 1 && markup != null) {
            throw new org.nmt4j.io.UserError("--n-best and --markup cannot be combined");
        }
    }

    public static TranslateOptions defaults() {
        return new TranslateOptions(null, null, null, null, null, false, AlignmentColumns.none(), 1024, null, 1, false);
    }

    public TranslateOptions withBeam(int beamSize) {
        return new TranslateOptions(beamSize, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentencesPerChunk, markup, nBest, shortlist);
    }

    public TranslateOptions withAlignment(AlignmentColumns columns) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown, columns,
                sentencesPerChunk, markup, nBest, shortlist);
    }

    public TranslateOptions withChunk(int sentences) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentences, markup, nBest, shortlist);
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
                alignment, sentencesPerChunk, kind, nBest, shortlist);
    }

    /** Keep the n best translations of each row (n ≤ the beam). */
    public TranslateOptions withNBest(int n) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentencesPerChunk, markup, n, shortlist);
    }

    /** Score only the model folder's lexical shortlist ({@code shortlist.tsv}). */
    public TranslateOptions withShortlist(boolean on) {
        return new TranslateOptions(beam, alpha, maxLengthRatio, batchSize, maxSourceLength, replaceUnknown,
                alignment, sentencesPerChunk, markup, nBest, on);
    }

    /** The translator for these settings, over a loaded model. */
    Translator apply(Translator loaded) {
        DecodingConfig decoding = loaded.decoding().withOverrides(beam, alpha, maxLengthRatio, batchSize,
                maxSourceLength, 0);
        return loaded.with(decoding, replaceUnknown);
    }
}
