package org.nmt4j.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nmt4j.text.Token;
import org.nmt4j.text.Tokenizer;
import org.nmt4j.text.Tokenizers;

/**
 * data/test.gold, the gold links scripts/make-corpus.py writes for the quickstart's test pairs, names the tokens
 * nmt4j's CoreNLP tokenizers make of those sentences (what forced alignment links), and links every English word.
 */
class QuickstartGoldLinksTest {

    @Test
    void goldLinksNameTheTokenizersTokensAndCoverEveryWord() throws IOException {
        List<String> de = Files.readAllLines(Path.of("data/test.de"), StandardCharsets.UTF_8);
        List<String> en = Files.readAllLines(Path.of("data/test.en"), StandardCharsets.UTF_8);
        List<String> gold = Files.readAllLines(Path.of("data/test.gold"), StandardCharsets.UTF_8);
        assertEquals(de.size(), gold.size());
        Tokenizer german = Tokenizers.create("corenlp", "de", false, true);
        Tokenizer english = Tokenizers.create("corenlp", "en", false, true);
        for (int n = 0; n < gold.size(); n++) {
            List<Token> source = german.tokenize(de.get(n));
            List<Token> target = english.tokenize(en.get(n));
            Set<Integer> linkedTargets = new HashSet<>();
            for (String link : gold.get(n).split(" ")) {
                String[] ij = link.split("[-?]");
                int i = Integer.parseInt(ij[0]);
                int j = Integer.parseInt(ij[1]);
                assertTrue(i < source.size() && j < target.size(), "line " + (n + 1) + ": " + link);
                linkedTargets.add(j);
            }
            for (int j = 0; j < target.size(); j++) {
                assertTrue(linkedTargets.contains(j), "line " + (n + 1) + ": '" + target.get(j).text()
                        + "' has no gold link");
            }
        }
    }
}
