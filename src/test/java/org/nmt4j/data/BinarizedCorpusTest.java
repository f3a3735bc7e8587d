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
    void givesThePairsBackWhenTheFingerprintMatches() throws IOException {
        Path file = dir.resolve(BinarizedCorpus.FILE);
        BinarizedCorpus.write(file, "abc", "train: 4 pairs, kept 3", PAIRS);
        List<String> reasons = new ArrayList<>();
        BinarizedCorpus.Loaded loaded = BinarizedCorpus.read(file, "abc", reasons::add);
        assertEquals("train: 4 pairs, kept 3", loaded.summary());
        assertEquals(PAIRS.size(), loaded.pairs().size());
        for (int i = 0; i < PAIRS.size(); i++) {
            assertEquals(PAIRS.get(i).line(), loaded.pairs().get(i).line());
            assertArrayEquals(PAIRS.get(i).source(), loaded.pairs().get(i).source());
            assertArrayEquals(PAIRS.get(i).target(), loaded.pairs().get(i).target());
        }
        assertTrue(reasons.isEmpty());
        assertNull(BinarizedCorpus.read(dir.resolve("absent.bin"), "abc", reasons::add));
        assertTrue(reasons.isEmpty(), "no file is no reason to say anything");
    }

    @Test
    void anotherFingerprintADamagedOrATruncatedFileMeansPreparingAgain() throws IOException {
        Path file = dir.resolve(BinarizedCorpus.FILE);
        BinarizedCorpus.write(file, "abc", "s", PAIRS);
        List<String> reasons = new ArrayList<>();
        assertNull(BinarizedCorpus.read(file, "abd", reasons::add));
        assertTrue(reasons.get(0).contains("changed since it was prepared"), reasons.get(0));
        byte[] bytes = Files.readAllBytes(file);
        byte[] damaged = bytes.clone();
        damaged[damaged.length - 12] ^= 1; // an id
        Files.write(file, damaged);
        assertNull(BinarizedCorpus.read(file, "abc", reasons::add));
        assertTrue(reasons.get(1).contains("checksum mismatch"), reasons.get(1));
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
        assertNull(BinarizedCorpus.read(file, "abc", reasons::add));
        assertTrue(reasons.get(2).contains("truncated"), reasons.get(2));
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
