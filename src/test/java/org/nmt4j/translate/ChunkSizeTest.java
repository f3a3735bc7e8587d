package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChunkSizeTest {

    @Test
    void startsWithOneBatchPerThread() {
        assertEquals(128, ChunkSize.of(64, 2).lines());
        assertEquals(32, ChunkSize.of(32, 1).lines());
    }

    @Test
    void aChunkTakesAboutHalfASecondInWholeBatchesPerThread() {
        ChunkSize chunks = ChunkSize.of(64, 2);
        chunks.took(128, 0.17); // 753 lines/s: 376 lines in half a second, two whole batches per thread
        assertEquals(256, chunks.lines());
        chunks.took(256, 0.32); // 800 lines/s: 400 -> three batches per thread
        assertEquals(384, chunks.lines());
    }

    @Test
    void slowWorkKeepsOneBatchPerThreadAndFastWorkStopsAtSixteen() {
        ChunkSize chunks = ChunkSize.of(64, 2);
        chunks.took(128, 3.0); // a large model's beam: 43 lines/s
        assertEquals(128, chunks.lines());
        chunks.took(128, 0.001); // a tiny model
        assertEquals(64 * 2 * ChunkSize.MOST_BATCHES, chunks.lines());
        chunks.took(2048, 0.0); // no measurable time at all
        assertEquals(64 * 2 * ChunkSize.MOST_BATCHES, chunks.lines());
    }

    @Test
    void aShortLastChunkDoesNotResize() {
        ChunkSize chunks = ChunkSize.of(64, 2);
        chunks.took(128, 0.17);
        chunks.took(5, 10.0);
        assertEquals(256, chunks.lines());
    }

    @Test
    void interactiveTranslationGoesLineByLine() {
        ChunkSize chunks = ChunkSize.interactive();
        chunks.took(1, 0.0001);
        assertEquals(1, chunks.lines());
    }

    @Test
    void refusesEmptyBatches() {
        assertThrows(IllegalArgumentException.class, () -> ChunkSize.of(0, 2));
        assertThrows(IllegalArgumentException.class, () -> ChunkSize.of(64, 0));
    }
}
