package org.nmt4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.io.UserError;

class VocabularyTest {

    private static final Map<String, Long> COUNTS = Map.of("the", 10L, "dog", 3L, "cat", 3L, "ant", 3L, "rare", 1L);

    @Test
    void specialsComeFirstThenFrequencyThenStringOrder() {
        Vocabulary vocabulary = Vocabulary.build(COUNTS, 2, 0);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "ant", "cat", "dog"), vocabulary.tokens());
        assertEquals(Vocabulary.UNK_ID, vocabulary.id("rare"));
        assertEquals(0, vocabulary.id("<pad>"));
        assertEquals(3, vocabulary.id("</s>"));
    }

    @Test
    void maxSizeCountsTheSpecials() {
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "the", "ant"), Vocabulary.build(COUNTS, 1, 6).tokens());
    }

    @Test
    void encodesUnknownTokensAsUnkAndDecodesBack() {
        Vocabulary vocabulary = Vocabulary.build(COUNTS, 2, 0);
        int[] ids = vocabulary.encode(List.of("the", "zebra", "dog"));
        assertArrayEquals(new int[] {4, 1, 7}, ids);
        assertEquals(List.of("the", "<unk>", "dog"), vocabulary.decode(ids));
    }

    @Test
    void savesOneTokenALineAndLoadsBackIdentically(@TempDir Path dir) throws IOException {
        Vocabulary vocabulary = Vocabulary.build(COUNTS, 1, 0);
        Path file = dir.resolve("vocab.txt");
        vocabulary.save(file);
        assertEquals("<pad>\n<unk>\n<s>\n</s>\nthe\nant\ncat\ndog\nrare\n", Files.readString(file));
        assertEquals(vocabulary, Vocabulary.load(file));
    }

    @Test
    void aFileWithoutTheSpecialsOrWithRepeatsIsRejectedWithItsLine(@TempDir Path dir) throws IOException {
        Path noSpecials = dir.resolve("a.txt");
        Files.writeString(noSpecials, "the\ndog\n");
        assertTrue(assertThrows(UserError.class, () -> Vocabulary.load(noSpecials)).getMessage()
                .startsWith(noSpecials + ":1: expected the special token <pad>"));
        Path repeated = dir.resolve("b.txt");
        Files.writeString(repeated, "<pad>\n<unk>\n<s>\n</s>\ndog\ncat\ndog\n");
        assertTrue(assertThrows(UserError.class, () -> Vocabulary.load(repeated)).getMessage()
                .startsWith(repeated + ":7: token 'dog' repeats line 5"));
    }
}
