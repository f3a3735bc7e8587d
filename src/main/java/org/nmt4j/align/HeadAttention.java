package org.nmt4j.align;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.model.Attention;
import org.nmt4j.model.Batch;
import org.nmt4j.model.Decoder;
import org.nmt4j.model.NmtModel;
import org.nmt4j.text.Vocabulary;
import org.nmt4j.translate.Translator;

/**
 * Each attention head's matrix of a sentence pair (for {@code --heads all}): the training forward of the model over
 * the pair's pieces, without dropout, whose steps keep every head's weights (search keeps only their mean, the
 * matrix every export shows by default; the two agree, see {@code SearchDecoderTest}).
 */
public final class HeadAttention {

    private final Translator translator;

    /** Heads of this translator's model; an ensemble has no single set of heads. */
    public HeadAttention(Translator translator) {
        if (translator.scorer().members().size() > 1) {
            throw new UserError("--heads all: an ensemble's members each have their own heads; export one model's");
        }
        this.translator = translator;
    }

    /** K. */
    public int heads() {
        return translator.model().config().attentionHeads();
    }

    /** One matrix per head, over the raw matrix's pieces and rows ({@code </s>} included where it is). */
    public List<AlignmentMatrix> of(AlignmentMatrix raw) {
        List<AlignmentMatrix> out = new ArrayList<>();
        if (raw.targetTokens().isEmpty() || raw.sourceTokens().isEmpty()) {
            for (int k = 0; k < heads(); k++) {
                out.add(raw);
            }
            return out;
        }
        int[] source = translator.sourceVocabulary().encode(withoutEos(raw.sourceTokens()));
        int[] target = translator.targetVocabulary().encode(withoutEos(raw.targetTokens()));
        NmtModel model = translator.model();
        Batch batch = Batch.of(List.of(source), List.of(target));
        NmtModel.Encoded encoded = model.encode(batch);
        Decoder.Result forward = model.decoder().forward(batch, encoded.memory(), encoded.initialState(), 0, null);
        int rows = raw.targetTokens().size();
        int columns = raw.sourceTokens().size();
        for (int k = 0; k < heads(); k++) {
            float[][] weights = new float[rows][columns];
            for (int t = 0; t < rows; t++) {
                List<Attention.Head> heads = forward.attentions().get(t).heads();
                double[] alpha = heads.get(Math.min(k, heads.size() - 1)).alpha(); // [1·S]
                for (int j = 0; j < columns; j++) {
                    weights[t][j] = (float) alpha[j];
                }
            }
            out.add(new AlignmentMatrix(raw.sourceTokens(), raw.targetTokens(), weights));
        }
        return out;
    }

    private static List<String> withoutEos(List<String> pieces) {
        boolean eos = !pieces.isEmpty() && pieces.get(pieces.size() - 1).equals(Vocabulary.EOS);
        return eos ? pieces.subList(0, pieces.size() - 1) : pieces;
    }
}
