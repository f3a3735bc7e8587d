package org.nmt4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.Multi30k;
import org.nmt4j.io.UserError;

class BpeEncoderTest {

    private static final BpeCodes CODES = new BpeCodes(List.of(new BpeCodes.Merge("e", "s"),
            new BpeCodes.Merge("es", "t</w>"), new BpeCodes.Merge("l", "o"), new BpeCodes.Merge("lo", "w"),
            new BpeCodes.Merge("n", "e"), new BpeCodes.Merge("ne", "w"), new BpeCodes.Merge("new", "est</w>")));

    @Test
    void marksEveryPieceButTheLastWithContinuation() {
        BpeEncoder encoder = new BpeEncoder(CODES);
        assertEquals(List.of("low@@", "est"), encoder.encodeToken("lowest"));
        assertEquals(List.of("newest"), encoder.encodeToken("newest"));
        assertEquals(List.of("x"), encoder.encodeToken("x"));
    }

    @Test
    void keepsThePiecesOfAtMostItsBoundOfTokensWithoutChangingThem() {
        BpeEncoder bounded = new BpeEncoder(CODES, 100);
        BpeEncoder unbounded = new BpeEncoder(CODES);
        for (int i = 0; i < 1000; i++) {
            String word = "low" + i + "est";
            assertEquals(unbounded.encodeToken(word), bounded.encodeToken(word), word);
            assertTrue(bounded.cachedTokens() <= 100, "cached " + bounded.cachedTokens());
        }
        assertEquals(1000, unbounded.cachedTokens());
        assertEquals(List.of("low@@", "est"), bounded.encodeToken("lowest"));
        assertThrows(IllegalArgumentException.class, () -> new BpeEncoder(CODES, 0));
    }

    @Test
    void joinerMarkStaysOnTheFirstPiece() {
        BpeEncoder encoder = new BpeEncoder(CODES);
        assertEquals(List.of("￭low@@", "est"), encoder.encodeToken("￭lowest"));
        assertEquals(List.of("low@@", "est", "￭."), encoder.encode(List.of("lowest", "￭.")));
    }

    @Test
    void decodingRestoresEveryMulti30kTokenExactly() {
        Tokenizer tokenizer = new CoreNlpTokenizer(Language.EN, false);
        List<String> lines = Multi30k.lines("val", "en");
        Map<String, Long> counts = new HashMap<>();
        lines.forEach(l -> tokenizer.tokenizeMarked(l).forEach(t -> counts.merge(Token.fromMarked(t).text(), 1L, Long::sum)));
        BpeEncoder encoder = new BpeEncoder(BpeLearner.learn(counts, 500, 2, null));
        int split = 0;
        for (String line : lines) {
            List<String> tokens = tokenizer.tokenizeMarked(line);
            List<String> pieces = encoder.encode(tokens);
            split += pieces.size() - tokens.size();
            assertEquals(tokens, BpeEncoder.decode(pieces));
        }
        assertTrue(split > 1000, "500 merges should leave many words split, split " + split);
    }

    @Test
    void rarePiecesAreSplitBackUnderAVocabularyThreshold() {
        // "lowest" segments as low@@ est; with "low@@" rare, it falls back to the pieces that built it: lo + w
        Map<String, Long> pieceCounts = Map.of("low@@", 1L, "est", 50L, "lo@@", 50L, "w@@", 50L);
        BpeEncoder encoder = new BpeEncoder(CODES, pieceCounts, 10);
        List<String> pieces = encoder.encodeToken("lowest");
        assertEquals(List.of("lo@@", "w@@", "est"), pieces);
        assertEquals(List.of("lowest"), BpeEncoder.decode(pieces));
    }

    @Test
    void codesSurviveSaveAndLoadInSubwordNmtFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("codes.bpe");
        CODES.save(file);
        assertTrue(Files.readString(file).startsWith("#version: 0.2\ne s\nes t</w>\n"));
        assertEquals(CODES.merges(), BpeCodes.load(file).merges());
    }

    @Test
    void malformedCodesFileNamesTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("codes.bpe");
        Files.writeString(file, "#version: 0.2\ne s\nthree symbols here\n");
        UserError error = assertThrows(UserError.class, () -> BpeCodes.load(file));
        assertTrue(error.getMessage().startsWith(file + ":3: "), error.getMessage());
    }
}
