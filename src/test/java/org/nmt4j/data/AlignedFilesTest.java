package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.Multi30k;
import org.nmt4j.io.UserError;

class AlignedFilesTest {

    @TempDir
    Path dir;

    @Test
    void pairsLinesInOrderWithTheirLineNumbers() throws IOException {
        Path de = Files.writeString(dir.resolve("a.de"), "Hallo Welt\nZwei Hunde\n");
        Path en = Files.writeString(dir.resolve("a.en"), "Hello world\nTwo dogs\n");
        assertEquals(List.of(new SentencePair(1, "Hallo Welt", "Hello world"), new SentencePair(2, "Zwei Hunde", "Two dogs")),
                AlignedFiles.read(de, en));
    }

    @Test
    void lineCountMismatchNamesBothFilesAndBothCounts() throws IOException {
        Path de = Files.writeString(dir.resolve("a.de"), "eins\nzwei\ndrei\nvier\n");
        Path en = Files.writeString(dir.resolve("a.en"), "one\ntwo\n");
        UserError error = assertThrows(UserError.class, () -> AlignedFiles.read(de, en));
        assertEquals("corpus files differ in length: " + de + " has 4 lines, " + en + " has 2 lines", error.getMessage());
        UserError reversed = assertThrows(UserError.class, () -> AlignedFiles.read(en, de));
        assertEquals("corpus files differ in length: " + en + " has 2 lines, " + de + " has 4 lines",
                reversed.getMessage());
    }

    @Test
    void readsMulti30kTrainGzipped() {
        List<SentencePair> pairs = AlignedFiles.read(Multi30k.file("train", "de"), Multi30k.file("train", "en"));
        assertEquals(29000, pairs.size());
        assertEquals(29000, pairs.get(28999).line());
    }
}
