package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nmt4j.compute.Scratch;
import org.nmt4j.text.Vocabulary;

/**
 * What a search's hypotheses become for a caller: with an alignment head, realigned by it (one forced pass over them
 * all); then written out as {@link Translation}s (pieces decoded, {@code <unk>} replaced by the most attended source
 * piece when asked, detokenized). Both the batch translation of {@link Translator} and the {@link RunningBatch} end
 * here.
 */
final class TranslationOutput {

    private final TranslationModel model;
    private final boolean replaceUnknown;
    private final boolean headAlignments; // realign translations with the model's alignment head, if it has one

    TranslationOutput(TranslationModel model, boolean replaceUnknown, boolean headAlignments) {
        this.model = model;
        this.replaceUnknown = replaceUnknown;
        this.headAlignments = headAlignments && model.hasAlignmentHead();
    }

    /**
     * With an alignment head ({@code model.alignment_head}), the hypotheses with the head's alignment of their tokens
     * in place of search's attention; the hypotheses themselves otherwise. sources: each hypothesis's source ids.
     */
    List<Hypothesis> alignedByHead(List<Hypothesis> hypotheses, List<int[]> sources) {
        if (!headAlignments) {
            return hypotheses;
        }
        List<Integer> nonEmpty = new ArrayList<>();
        for (int i = 0; i < hypotheses.size(); i++) {
            if (hypotheses.get(i).tokens().length > 0) {
                nonEmpty.add(i);
            }
        }
        if (nonEmpty.isEmpty()) {
            return hypotheses;
        }
        float[][][] rows;
        try (MemoryWorkspace ignored = Scratch.open()) {
            rows = ForcedSteps.attention(model.scorer(), nonEmpty.stream().map(sources::get).toList(),
                    nonEmpty.stream().map(i -> hypotheses.get(i).tokens()).toList());
        }
        List<Hypothesis> out = new ArrayList<>(hypotheses);
        for (int k = 0; k < nonEmpty.size(); k++) {
            Hypothesis h = hypotheses.get(nonEmpty.get(k));
            out.set(nonEmpty.get(k), new Hypothesis(h.tokens(), h.logProbability(), h.score(),
                    Arrays.copyOf(rows[k], h.attention().length), h.ended(), h.tokenScores()));
        }
        return out;
    }

    /** A hypothesis as a translation of the source pieces it was searched for (with {@code </s>}). */
    Translation translation(Hypothesis h, List<String> sourcePieces) {
        List<String> written = new ArrayList<>(model.targetVocabulary().decode(h.tokens()));
        if (replaceUnknown) {
            for (int t = 0; t < written.size(); t++) {
                if (written.get(t).equals(Vocabulary.UNK)) {
                    written.set(t, sourcePieces.get(mostAttended(h.attention()[t], sourcePieces.size() - 1)));
                }
            }
        }
        String text = model.target().detokenize(written);
        List<String> targetPieces = new ArrayList<>(written);
        if (h.ended()) {
            targetPieces.add(Vocabulary.EOS);
        }
        return new Translation(text, h.score(), List.copyOf(sourcePieces), List.copyOf(targetPieces), h.attention(),
                0, h.tokenScores());
    }

    /** A sentence's pieces as its attention's columns name them: with {@code </s>}. */
    static List<String> withEnd(List<String> pieces) {
        List<String> withEnd = new ArrayList<>(pieces);
        withEnd.add(Vocabulary.EOS);
        return withEnd;
    }

    // the source position (before </s>) with the highest weight
    private static int mostAttended(float[] row, int realPositions) {
        int best = 0;
        for (int j = 1; j < realPositions; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
