package org.nmt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.TinyModel;
import org.nmt4j.markup.Markup;

/** align --markup: given translations come back with the sources' tags, well-formed, their words unchanged. */
class AlignMarkupTest {

    @TempDir
    Path dir;

    @Test
    void givenTranslationsGetTheSourcesTags() throws IOException {
        Path source = Files.writeString(dir.resolve("src.de"),
                "Der <b>Mann</b> liest das <i>Buch</i>.\n<x id=\"1\"/>\nDie Katze &amp; der Hund.\n");
        Path target = Files.writeString(dir.resolve("tgt.en"), "The man reads the book.\nThe cat.\nThe cat & the dog.\n");
        Path output = dir.resolve("out.en");
        CommandRun run = CommandRun.of("align", "--model", TinyModel.folder().toString(), "--src", source.toString(),
                "--tgt", target.toString(), "--markup", "xml", "-o", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(output);
        List<String> targets = Files.readAllLines(target);
        assertEquals(3, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(targets.get(i), Markup.XML.parse(lines.get(i)).text(), lines.get(i));
        }
        assertTrue(lines.get(0).contains("<b>") && lines.get(0).contains("</b>") && lines.get(0).contains("<i>"),
                lines.get(0));
        assertEquals("<x id=\"1\"/>The cat.", lines.get(1));
        assertEquals("The cat &amp; the dog.", lines.get(2));

        Files.writeString(source, "Der Mann.\n<b>Der Mann\n");
        Files.writeString(target, "The man.\nThe man\n");
        CommandRun bad = CommandRun.of("align", "--model", TinyModel.folder().toString(), "--src", source.toString(),
                "--tgt", target.toString(), "--markup", "xml");
        assertEquals(1, bad.exitCode());
        assertEquals("nmt4j: error: " + source + ":2: column 1: <b> is not closed (--markup-lenient aligns such lines "
                + "as text)", bad.err().strip());
    }
}
