package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nmt4j.text.CoreNlpTokenizer;
import org.nmt4j.text.Language;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Vocabulary;

class PreparedCorpusTest {

    private static final Preprocessor DE = new Preprocessor(new CoreNlpTokenizer(Language.DE, false), null);
    private static final Preprocessor EN = new Preprocessor(new CoreNlpTokenizer(Language.EN, false), null);

    @Test
    void dropsEmptyLongAndBadRatioPairsAndCountsEachWithItsFirstLine() {
        List<SentencePair> raw = List.of(
                new SentencePair(1, "Ein Hund.", "A dog."),
                new SentencePair(2, "   ", "Nothing on the left."),
                new SentencePair(3, "Eins zwei drei vier fünf sechs sieben", "One two three four five six seven"),
                new SentencePair(4, "Ja", "Yes , yes , yes"),
                new SentencePair(5, "Zwei Katzen.", "\u00a0"),
                new SentencePair(6, "Eine Katze.", "A cat."));
        PreparedCorpus corpus = PreparedCorpus.prepare("toy", raw, DE, EN, new PairFilter(6, 3.0));
        assertEquals(List.of(1L, 6L), corpus.pairs().stream().map(PiecePair::line).toList());
        FilterReport report = corpus.report();
        assertEquals(6, report.read());
        assertEquals(2, report.kept());
        assertEquals(2, report.dropped(PairFilter.Verdict.EMPTY));
        assertEquals(1, report.dropped(PairFilter.Verdict.TOO_LONG));
        assertEquals(1, report.dropped(PairFilter.Verdict.BAD_RATIO));
        assertEquals("toy: 6 pairs, kept 2; skipped 2 with an empty side (first at line 2); skipped 1 over the "
                + "maximum length (first at line 3); skipped 1 over the maximum length ratio (first at line 4)",
                report.summary());
    }

    @Test
    void limitsOfZeroKeepEveryNonEmptyPair() {
        List<SentencePair> raw = List.of(new SentencePair(1, "Ja", "Yes , yes , yes , yes , yes , yes"));
        assertEquals(1, PreparedCorpus.prepare("toy", raw, DE, EN, new PairFilter(0, 0)).pairs().size());
    }

    @Test
    void encodesPiecesWithTheVocabularies() {
        List<SentencePair> raw = List.of(new SentencePair(1, "Ein Hund.", "A dog."));
        PreparedCorpus corpus = PreparedCorpus.prepare("toy", raw, DE, EN, new PairFilter(0, 0));
        Vocabulary source = Vocabulary.build(corpus.sourceCounts(), 1, 0);
        Vocabulary target = Vocabulary.build(corpus.targetCounts(), 1, 0);
        EncodedPair pair = corpus.encode(source, target).get(0);
        assertEquals(List.of("Ein", "Hund", "￭."), source.decode(pair.source()));
        assertArrayEquals(target.encode(List.of("A", "dog", "￭.")), pair.target());
    }
}
