package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinarizedCorpusTest {

    @TempDir
    Path dir;

    private static final List<EncodedPair> PAIRS = List.of(new EncodedPair(1, new int[] {4, 5, 6}, new int[] {7}),
            new EncodedPair(3, new int[] {}, new int[] {8, 9}), new EncodedPair(4, new int[] {100_000}, new int[] {5}));

    @Test
    void givesThePairsBackByIndexWhenTheFingerprintMatches() throws IOException {
        Path file = dir.resolve(BinarizedCorpus.FILE);
        BinarizedCorpus.write(file, "abc", "train: 4 pairs, kept 3", PAIRS);
        List<String> reasons = new ArrayList<>();
        try (BinarizedCorpus corpus = BinarizedCorpus.open(file, "abc", reasons::add)) {
            assertEquals("train: 4 pairs, kept 3", corpus.summary());
            assertEquals(PAIRS.size(), corpus.size());
            for (int i = PAIRS.size() - 1; i >= 0; i--) { // any order
                assertArrayEquals(PAIRS.get(i).source(), corpus.source(i));
                assertArrayEquals(PAIRS.get(i).target(), corpus.target(i));
                assertEquals(PAIRS.get(i).source().length, corpus.sourceLength(i));
                assertEquals(PAIRS.get(i).target().length, corpus.targetLength(i));
            }
            assertEquals(3, corpus.longestSource());
            assertEquals(2, corpus.longestTarget());
            assertEquals(List.of(new TrainingPairs.Part("train", 0, 3)), corpus.parts());
        }
        assertTrue(reasons.isEmpty());
        assertNull(BinarizedCorpus.open(dir.resolve("absent.bin"), "abc", reasons::add));
        assertTrue(reasons.isEmpty(), "no file is no reason to say anything");
    }

    @Test
    void pairsFarApartInALargeCorpusReadBackWhole() throws IOException {
        Path file = dir.resolve(BinarizedCorpus.FILE);
        java.util.Random random = new java.util.Random(5);
        List<int[]> sources = new ArrayList<>();
        try (BinarizedCorpus.Writer writer = BinarizedCorpus.writer(file)) {
            for (int i = 0; i < 5_000; i++) {
                int[] source = random.ints(random.nextInt(40), 0, 1 << 20).toArray();
                sources.add(source);
                writer.add(source, new int[] {i});
            }
            writer.commit("f", "s", List.of(new TrainingPairs.Part("a", 0, 2_000),
                    new TrainingPairs.Part("b", 2_000, 3_000)));
        }
        try (BinarizedCorpus corpus = BinarizedCorpus.open(file, "f", m -> { })) {
            for (int i : new int[] {4_999, 0, 63, 64, 65, 2_500, 127, 128}) {
                assertArrayEquals(sources.get(i), corpus.source(i));
                assertArrayEquals(new int[] {i}, corpus.target(i));
            }
            assertEquals("b", corpus.parts().get(1).name());
        }
        assertEquals(List.of(), Files.list(dir).filter(f -> !f.equals(file)).toList(), "temporary files left");
    }

    @Test
    void anotherFingerprintADamagedATruncatedOrAnOldFileMeansPreparingAgain() throws IOException {
        Path file = dir.resolve(BinarizedCorpus.FILE);
        BinarizedCorpus.write(file, "abc", "s", PAIRS);
        List<String> reasons = new ArrayList<>();
        assertNull(BinarizedCorpus.open(file, "abd", reasons::add));
        assertTrue(reasons.get(0).contains("changed since it was prepared"), reasons.get(0));
        byte[] bytes = Files.readAllBytes(file);
        byte[] damaged = bytes.clone();
        damaged[12] ^= 1; // an id
        Files.write(file, damaged);
        assertNull(BinarizedCorpus.open(file, "abc", reasons::add));
        assertTrue(reasons.get(1).contains("checksum mismatch"), reasons.get(1));
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
        assertNull(BinarizedCorpus.open(file, "abc", reasons::add));
        assertTrue(reasons.get(2).contains("truncated"), reasons.get(2));
        Files.write(file, "NMT4JCB1 and the rest of a file of an older format".getBytes());
        assertNull(BinarizedCorpus.open(file, "abc", reasons::add));
        assertTrue(reasons.get(3).contains("older nmt4j"), reasons.get(3));
    }

    @Test
    void theFingerprintFollowsTheFilesAndTheSettings() throws IOException {
        Path a = Files.writeString(dir.resolve("a.de"), "eins\n");
        Path b = Files.writeString(dir.resolve("b.en"), "one\n");
        String first = BinarizedCorpus.fingerprint(List.of(a, b), "bpe 100");
        assertEquals(first, BinarizedCorpus.fingerprint(List.of(a, b), "bpe 100"));
        assertNotEquals(first, BinarizedCorpus.fingerprint(List.of(a, b), "bpe 200"));
        Files.writeString(a, "eins zwei\n");
        assertNotEquals(first, BinarizedCorpus.fingerprint(List.of(a, b), "bpe 100"));
        Path notAFile = Files.createDirectory(dir.resolve("fifo")); // what a pipe is too: not a regular file
        assertNull(BinarizedCorpus.fingerprint(List.of(notAFile, b), "bpe 100"));
    }
}
