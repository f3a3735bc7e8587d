package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;

/**
 * A glossary made ready for one model: each entry's source term as the words the model's source preprocessing makes
 * of it, and its target term as target piece ids. A sentence's matches are the entries whose words occur in its words
 * (case-insensitively; longer terms first, matches never overlapping; a term twice in the sentence is two matches), as
 * constraints for {@link ConstrainedBeamSearch}. An entry whose target term has a piece the vocabulary lacks is left
 * out ({@link #skipped}): no search could write it.
 */
final class TermMatcher {

    private record Term(List<String> words, int[] pieces) {
    }


    private final List<Term> terms = new ArrayList<>();
    private final List<Terminology.Entry> skipped = new ArrayList<>();
    private final boolean[] continuesWord;

    TermMatcher(Terminology glossary, Preprocessor source, Preprocessor target, Vocabulary targetVocabulary) {
        for (Terminology.Entry e : glossary.entries()) {
            List<String> words = words(source.pieces(e.source())).stream().map(PieceWords.Word::text).toList();
            int[] pieces = targetVocabulary.encode(target.pieces(e.target()));
            boolean unknown = words.isEmpty() || pieces.length == 0;
            for (int piece : pieces) {
                unknown |= piece == Vocabulary.UNK_ID;
            }
            if (unknown) {
                skipped.add(e);
            } else {
                terms.add(new Term(words, pieces));
            }
        }
        terms.sort(Comparator.comparingInt((Term t) -> t.words().size()).reversed());
        continuesWord = new boolean[targetVocabulary.size()];
        for (int id = 0; id < continuesWord.length; id++) {
            String token = targetVocabulary.tokens().get(id);
            continuesWord[id] = token.endsWith(BpeEncoder.CONTINUATION) && token.length() > 2;
        }
    }

    /** By target id: whether the piece continues a word. */
    boolean[] continuesWord() {
        return continuesWord;
    }

    /** The entries left out. */
    List<Terminology.Entry> skipped() {
        return skipped;
    }

    /** The constraints of a sentence, as the pieces the model reads (without {@code </s>}). */
    List<ConstrainedBeamSearch.Constraint> constraints(List<String> sourcePieces) {
        List<PieceWords.Word> words = words(sourcePieces);
        boolean[] used = new boolean[words.size()];
        List<ConstrainedBeamSearch.Constraint> out = new ArrayList<>();
        for (Term term : terms) {
            int n = term.words().size();
            for (int start = 0; start + n <= words.size(); start++) {
                boolean match = true;
                for (int i = 0; i < n && match; i++) {
                    match = !used[start + i] && words.get(start + i).text().equals(term.words().get(i));
                }
                if (match) {
                    for (int i = 0; i < n; i++) {
                        used[start + i] = true;
                    }
                    out.add(new ConstrainedBeamSearch.Constraint(term.pieces(), words.get(start).from(),
                            words.get(start + n - 1).to()));
                }
            }
        }
        return out;
    }

    // the words of some pieces, lower-cased
    private static List<PieceWords.Word> words(List<String> pieces) {
        return PieceWords.of(pieces).stream()
                .map(w -> new PieceWords.Word(w.text().toLowerCase(Locale.ROOT), w.from(), w.to())).toList();
    }
}
