package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.io.UserError;
import org.nmt4j.text.BpeCodes;
import org.nmt4j.text.BpeEncoder;
import org.nmt4j.text.BpeLearner;
import org.nmt4j.text.Preprocessor;
import org.nmt4j.text.Tokenizer;
import org.nmt4j.text.Tokenizers;
import org.nmt4j.text.Vocabulary;
import org.nmt4j.text.WordCounts;

/**
 * The streaming preparation against the in-memory one it replaced (read every pair, count words, learn BPE,
 * preprocess every sentence, filter, count pieces, build vocabularies, encode): the same codes, vocabularies and
 * ids, pair by pair, for each tokenizer.
 */
class CorpusPreparationTest {

    @TempDir
    Path dir;

    private static final Path SOURCE = Path.of("data/train.de");
    private static final Path TARGET = Path.of("data/train.en");

    private final List<String> messages = new ArrayList<>();
    private final List<long[]> progress = new ArrayList<>();

    private CorpusPreparation.Progress progress() {
        return new CorpusPreparation.Progress() {
            @Override
            public void read(long bytes, long total, long pairs) {
                progress.add(new long[] {bytes, total, pairs});
            }

            @Override
            public void message(String line) {
                messages.add(line);
            }
        };
    }

    private static CorpusPreparation.Settings settings(String tokenizer, boolean lowercase, int merges,
                                                       PairFilter filter, int threads) {
        return new CorpusPreparation.Settings(tokenizer(tokenizer, "de", lowercase), tokenizer(tokenizer, "en",
                lowercase), Tokenizers.marksTokens(tokenizer), merges, filter, 2, 0, threads);
    }

    private static Tokenizer tokenizer(String name, String language, boolean lowercase) {
        return Tokenizers.create(name, language, lowercase, true);
    }

    @Test
    void theIdsEqualThoseOfPreparingInMemoryForEveryTokenizer() throws IOException {
        for (String tokenizer : List.of("corenlp", "regex", "none")) {
            PairFilter filter = new PairFilter(15, 1.5);
            CorpusPreparation.Settings settings = settings(tokenizer, tokenizer.equals("regex"), 300, filter, 2);
            Path out = dir.resolve(tokenizer + ".bin");
            CorpusPreparation.Result result = CorpusPreparation.prepare(List.of(new CorpusPreparation.Input("train",
                    SOURCE, TARGET)), settings, null, null, null, out, (c, s, t) -> "print", progress());

            // the reference: everything in memory
            List<SentencePair> raw = AlignedFiles.read(SOURCE, TARGET);
            WordCounts words = new WordCounts();
            words.addText(raw.stream().map(SentencePair::source).toList(), settings.sourceTokenizer());
            words.addText(raw.stream().map(SentencePair::target).toList(), settings.targetTokenizer());
            BpeCodes codes = BpeLearner.learn(words.words(), 300, 2, null);
            assertEquals(codes.merges(), result.codes().merges(), tokenizer);
            BpeEncoder bpe = new BpeEncoder(codes);
            PreparedCorpus corpus = PreparedCorpus.prepare("train", raw,
                    new Preprocessor(settings.sourceTokenizer(), bpe, settings.joinerMarks()),
                    new Preprocessor(settings.targetTokenizer(), bpe, settings.joinerMarks()), filter);
            Vocabulary sourceVocabulary = Vocabulary.build(corpus.sourceCounts(), 2, 0);
            Vocabulary targetVocabulary = Vocabulary.build(corpus.targetCounts(), 2, 0);
            assertEquals(sourceVocabulary.tokens(), result.sourceVocabulary().tokens(), tokenizer);
            assertEquals(targetVocabulary.tokens(), result.targetVocabulary().tokens(), tokenizer);
            assertEquals(corpus.report().summary(), result.summary(), tokenizer);
            assertTrue(corpus.report().kept() < raw.size(), "the filter dropped nothing: a weak test");
            List<EncodedPair> expected = corpus.encode(sourceVocabulary, targetVocabulary);
            try (BinarizedCorpus prepared = BinarizedCorpus.open(out, "print", messages::add)) {
                assertEquals(expected.size(), prepared.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i).source(), prepared.source(i), tokenizer + " pair " + i);
                    assertArrayEquals(expected.get(i).target(), prepared.target(i), tokenizer + " pair " + i);
                }
            }
        }
    }

    @Test
    void givenCodesAndVocabulariesAreUsedAsTheyAre() throws IOException {
        CorpusPreparation.Settings settings = settings("corenlp", false, 300, new PairFilter(50, 0), 1);
        Path first = dir.resolve("first.bin");
        CorpusPreparation.Result learned = CorpusPreparation.prepare(List.of(new CorpusPreparation.Input("train",
                SOURCE, TARGET)), settings, null, null, null, first, (c, s, t) -> "p", progress());
        Path smallFile = Files.writeString(dir.resolve("small.vocab"), String.join("\n",
                learned.sourceVocabulary().tokens().subList(0, 20)) + "\n");
        Vocabulary small = Vocabulary.load(smallFile);
        Path second = dir.resolve("second.bin");
        CorpusPreparation.Result reused = CorpusPreparation.prepare(List.of(new CorpusPreparation.Input("train",
                SOURCE, TARGET)), settings, learned.codes(), small, learned.targetVocabulary(), second,
                (c, s, t) -> "p", progress());
        assertEquals(small, reused.sourceVocabulary());
        try (BinarizedCorpus a = BinarizedCorpus.open(first, "p", messages::add);
             BinarizedCorpus b = BinarizedCorpus.open(second, "p", messages::add)) {
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i += 97) {
                int[] expected = a.source(i).clone();
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = expected[k] < 20 ? expected[k] : Vocabulary.UNK_ID;
                }
                assertArrayEquals(expected, b.source(i));
                assertArrayEquals(a.target(i), b.target(i));
            }
        }
    }

    @Test
    void severalCorporaArePartsInOrderWithTheirOwnLineNumbers() throws IOException {
        Path extraSource = Files.writeString(dir.resolve("extra.de"), "Ein Hund .\n\nZwei Katzen .\n");
        Path extraTarget = Files.writeString(dir.resolve("extra.en"), "A dog .\nNothing\nTwo cats .\n");
        CorpusPreparation.Settings settings = settings("corenlp", false, 0, new PairFilter(50, 0), 2);
        Path out = dir.resolve("two.bin");
        CorpusPreparation.Result result = CorpusPreparation.prepare(List.of(
                new CorpusPreparation.Input("train.de/train.en", SOURCE, TARGET),
                new CorpusPreparation.Input("extra.de/extra.en", extraSource, extraTarget)), settings, null, null,
                null, out, (c, s, t) -> "p", progress());
        int trainPairs = AlignedFiles.read(SOURCE, TARGET).size();
        assertTrue(result.summary().contains("extra.de/extra.en: 3 pairs, kept 2; skipped 1 with an empty side "
                + "(first at line 2)"), result.summary());
        try (BinarizedCorpus corpus = BinarizedCorpus.open(out, "p", messages::add)) {
            assertEquals(List.of(new TrainingPairs.Part("train.de/train.en", 0, trainPairs),
                    new TrainingPairs.Part("extra.de/extra.en", trainPairs, 2)), corpus.parts());
            Vocabulary target = result.targetVocabulary();
            assertArrayEquals(target.encode(List.of("Two", "cats", ".")), corpus.target(trainPairs + 1));
        }
        long[] last = progress.get(progress.size() - 1);
        assertEquals(Files.size(SOURCE) + Files.size(TARGET) + Files.size(extraSource) + Files.size(extraTarget),
                last[0]);
        assertEquals(last[0], last[1]);
        assertEquals(trainPairs + 3, last[2]);
    }

    @Test
    void nothingLeftAfterFilteringIsAUserErrorAndLeavesNoFile() throws IOException {
        Path s = Files.writeString(dir.resolve("s.de"), "\n\n");
        Path t = Files.writeString(dir.resolve("t.en"), "a\nb\n");
        Path out = dir.resolve("none.bin");
        UserError error = assertThrows(UserError.class, () -> CorpusPreparation.prepare(List.of(
                new CorpusPreparation.Input("train", s, t)), settings("corenlp", false, 0, new PairFilter(50, 0), 1),
                null, null, null, out, (c, x, y) -> "p", progress()));
        assertTrue(error.getMessage().contains("no training pairs left"), error.getMessage());
        assertEquals(List.of("s.de", "t.en"), Files.list(dir).map(f -> f.getFileName().toString()).sorted()
                .toList());
    }
}
