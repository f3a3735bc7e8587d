package org.nmt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.io.UserError;

class DelimitedCorpusTest {

    @TempDir
    Path dir;

    @Test
    void tsvColumnsByHeaderNameWithQuotedTabsAndNewlines() throws IOException {
        Path file = Files.writeString(dir.resolve("c.tsv"),
                "id\tde\ten\n"
                        + "1\tHallo\tHello\n"
                        + "2\t\"Ein\tTab\"\t\"two\nlines\"\n"
                        + "3\t\"Er sagt \"\"ja\"\"\"\tHe says \"\"yes\"\"\n");
        List<SentencePair> pairs = DelimitedCorpus.read(file, DelimitedCorpus.Dialect.TSV, true, "de", "en");
        assertEquals(List.of(
                new SentencePair(2, "Hallo", "Hello"),
                new SentencePair(3, "Ein\tTab", "two\nlines"),
                new SentencePair(5, "Er sagt \"ja\"", "He says \"\"yes\"\"")), pairs);
    }

    @Test
    void csvColumnsByIndexWithoutHeader() throws IOException {
        Path file = Files.writeString(dir.resolve("c.csv"), "x,\"Hund, braun\",\"dog, brown\"\ny,Katze,cat\n");
        assertEquals(List.of(new SentencePair(1, "Hund, braun", "dog, brown"), new SentencePair(2, "Katze", "cat")),
                DelimitedCorpus.read(file, DelimitedCorpus.Dialect.CSV, false, "1", "2"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void readsANamedPipe() throws Exception {
        Path pipe = NamedPipes.feeding(dir.resolve("piped.csv"),
                "x,Hund,dog\ny,Katze,cat\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of(new SentencePair(1, "Hund", "dog"), new SentencePair(2, "Katze", "cat")),
                DelimitedCorpus.read(pipe, DelimitedCorpus.Dialect.CSV, false, "1", "2"));
    }

    @Test
    void dialectFollowsTheFileName() {
        assertEquals(DelimitedCorpus.Dialect.TSV, DelimitedCorpus.Dialect.forFile(Path.of("a.tsv.gz")));
        assertEquals(DelimitedCorpus.Dialect.CSV, DelimitedCorpus.Dialect.forFile(Path.of("A.CSV")));
        assertEquals(null, DelimitedCorpus.Dialect.forFile(Path.of("a.de")));
    }

    @Test
    void unknownColumnAndShortRecordsAreErrorsWithTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("c.tsv"), "de\ten\nHallo\tHello\nnur eins\n");
        UserError noColumn = assertThrows(UserError.class,
                () -> DelimitedCorpus.read(file, DelimitedCorpus.Dialect.TSV, true, "de", "fr"));
        assertEquals(file + ":1: no column named 'fr' in the header [de, en]", noColumn.getMessage());
        UserError shortRecord = assertThrows(UserError.class,
                () -> DelimitedCorpus.read(file, DelimitedCorpus.Dialect.TSV, true, "de", "en"));
        assertEquals(file + ":3: record has 1 fields, column 1 is needed", shortRecord.getMessage());
    }

    @Test
    void invalidUtf8NamesItsLine() throws IOException {
        Path file = dir.resolve("c.tsv");
        Files.write(file, new byte[] {'d', 'e', '\t', 'e', 'n', '\n', 'a', '\t', 'b', '\n', (byte) 0xFF, '\t', 'c', '\n'});
        UserError error = assertThrows(UserError.class,
                () -> DelimitedCorpus.read(file, DelimitedCorpus.Dialect.TSV, true, "de", "en"));
        assertTrue(error.getMessage().startsWith(file + ":3: invalid UTF-8"), error.getMessage());
    }

    @Test
    void unterminatedQuoteIsAOneLineError() throws IOException {
        Path file = Files.writeString(dir.resolve("c.csv"), "a,b\n\"open,b\n");
        UserError error = assertThrows(UserError.class,
                () -> DelimitedCorpus.read(file, DelimitedCorpus.Dialect.CSV, false, "0", "1"));
        assertTrue(error.getMessage().startsWith(file + ": malformed CSV"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), error.getMessage());
    }
}
