package org.nmt4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.nmt4j.data.NamedPipes;
import org.junit.jupiter.api.io.TempDir;

class Utf8LineReaderTest {

    @TempDir
    Path dir;

    private List<String> read(Path file) {
        List<String> lines = new ArrayList<>();
        Utf8LineReader.forEach(file, (n, line) -> lines.add(n + ":" + line));
        return lines;
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void readsNamedPipesPlainAndGzipped() throws Exception {
        Path plain = NamedPipes.feeding(dir.resolve("plain"), "eins\nzwei\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("1:eins", "2:zwei"), read(plain));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write("drei\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("1:drei"), read(NamedPipes.feeding(dir.resolve("piped.gz"), gz.toByteArray())));
    }

    @Test
    void readsLinesWithNumbersDroppingCrAndBom() throws IOException {
        Path file = dir.resolve("a.txt");
        Files.write(file, "\uFEFFeins\r\nzwei\n\ndrei".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("1:eins", "2:zwei", "3:", "4:drei"), read(file));
    }

    @Test
    void finalNewlineDoesNotMakeAnExtraLine() throws IOException {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "a\nb\n");
        assertEquals(List.of("1:a", "2:b"), read(file));
    }

    @Test
    void readsGzipByExtension() throws IOException {
        Path file = dir.resolve("a.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("Männer\nFrauen\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(List.of("1:Männer", "2:Frauen"), read(file));
    }

    @Test
    void invalidUtf8IsReportedOnItsOwnLineEvenFarIntoTheFile() throws IOException {
        Path file = dir.resolve("latin1.txt");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            bytes.write("a perfectly fine line of text\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        bytes.write(new byte[] {'M', (byte) 0xE4, 'n', 'n', 'e', 'r', '\n'}); // "Männer" in Latin-1
        Files.write(file, bytes.toByteArray());
        UserError error = assertThrows(UserError.class, () -> read(file));
        assertEquals(file + ":5001: invalid UTF-8 (byte 0xE4 at byte 2 of the line); convert the file to UTF-8",
                error.getMessage());
    }

    @Test
    void missingFileIsOneLineError() {
        Path file = dir.resolve("nope.txt");
        assertEquals(file + ": no such file", assertThrows(UserError.class, () -> read(file)).getMessage());
    }
}
