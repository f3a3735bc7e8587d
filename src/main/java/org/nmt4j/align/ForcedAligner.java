package org.nmt4j.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nmt4j.compute.ParallelWork;
import org.nmt4j.compute.Scratch;
import org.nmt4j.text.Vocabulary;
import org.nmt4j.translate.ForcedSteps;
import org.nmt4j.translate.Translator;

/**
 * Alignment of given sentence pairs by forced decoding ({@link ForcedSteps}): the decoder reads the reference target
 * instead of its own guesses, step by step through the same decoder steps that search uses (one model's, or an
 * ensemble's, whose attention is its members' mean), and its attention at each step is the alignment
 * row of that target token: the decoder's attention, or, in a model with an alignment head
 * ({@code model.alignment_head}), the head's, which also reads the token it aligns.
 */
public final class ForcedAligner {

    private final Translator translator;
    private final int batchSize;

    public ForcedAligner(Translator translator, int batchSize) {
        this.translator = translator;
        this.batchSize = batchSize;
    }

    /** One matrix per pair, in input order; a pair with an empty side gets an empty matrix. */
    public List<AlignmentMatrix> align(List<String> sources, List<String> targets) {
        List<List<String>> sourcePieces = sources.parallelStream().map(translator.sourcePreprocessor()::pieces)
                .toList();
        List<List<String>> targetPieces = targets.parallelStream().map(translator.targetPreprocessor()::pieces)
                .toList();
        int batches = (sources.size() + batchSize - 1) / batchSize;
        AlignmentMatrix[] out = new AlignmentMatrix[sources.size()];
        // batches are independent: up to the translator's threads align side by side
        ParallelWork.run(batches, translator.threads(), b -> {
            int start = b * batchSize;
            int end = Math.min(sources.size(), start + batchSize);
            List<Integer> indices = new ArrayList<>();
            for (int i = start; i < end; i++) {
                if (!sourcePieces.get(i).isEmpty() && !targetPieces.get(i).isEmpty()) {
                    indices.add(i);
                }
            }
            List<float[][]> weights = List.of();
            if (!indices.isEmpty()) {
                // the batch's ND4J temporaries live in a workspace reused by the thread's next batch
                try (MemoryWorkspace ignored = Scratch.open()) {
                    weights = forced(indices, sourcePieces, targetPieces);
                }
            }
            for (int i = start, k = 0; i < end; i++) {
                if (k < indices.size() && indices.get(k) == i) {
                    out[i] = new AlignmentMatrix(withEos(sourcePieces.get(i)), withEos(targetPieces.get(i)),
                            weights.get(k++));
                } else {
                    out[i] = new AlignmentMatrix(List.of(), List.of(), new float[0][]);
                }
            }
        });
        return List.of(out);
    }

    private List<float[][]> forced(List<Integer> indices, List<List<String>> sourcePieces,
                                   List<List<String>> targetPieces) {
        List<int[]> sources = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (int i : indices) {
            sources.add(translator.sourceVocabulary().encode(sourcePieces.get(i)));
            targets.add(translator.targetVocabulary().encode(targetPieces.get(i)));
        }
        return Arrays.asList(ForcedSteps.attention(translator.scorer(), sources, targets));
    }

    private static List<String> withEos(List<String> pieces) {
        List<String> out = new ArrayList<>(pieces);
        out.add(Vocabulary.EOS);
        return out;
    }
}
