package org.nmt4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nmt4j.data.AlignedFiles;
import org.yaml.snakeyaml.Yaml;

/**
 * Reproduces the scores sacreBLEU 2.6.0 computed on its test vectors: every score to within 0.01, same signatures.
 * {@code edge_cases} is copied into the test resources (see the README there); {@code multi30k_test2016_beam5}, whose
 * reference is Multi30k's test set, is read from ../shared/testvectors/sacrebleu (the system property
 * {@code nmt4j.testvectors}) and skipped when that is absent.
 */
class SacrebleuTestVectorsTest {

    private static final double TOLERANCE = 0.01;

    private static final Path RESOURCES = Path.of("src/test/resources/org/nmt4j/eval/sacrebleu");

    private static Path dir(String name) {
        if (Files.isRegularFile(RESOURCES.resolve(name + ".expected.json"))) {
            return RESOURCES;
        }
        Path dir = Path.of(System.getProperty("nmt4j.testvectors", "../shared/testvectors")).resolve("sacrebleu");
        assumeTrue(Files.isDirectory(dir), "sacreBLEU test vectors not found at " + dir);
        return dir;
    }

    @Test
    void theEdgeCasesAreInTheTestResources() {
        assertEquals(RESOURCES, dir("edge_cases"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expected(Path dir, String name) throws IOException {
        return new Yaml().load(Files.readString(dir.resolve(name + ".expected.json"), StandardCharsets.UTF_8));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge_cases", "multi30k_test2016_beam5"})
    @SuppressWarnings("unchecked")
    void reproducesEveryScore(String name) throws IOException {
        Path dir = dir(name);
        Map<String, Object> expected = expected(dir, name);
        List<String> hypotheses = AlignedFiles.readLines(dir.resolve(name + ".hyp"));
        List<List<String>> references = List.of(AlignedFiles.readLines(dir.resolve(name + ".ref")));

        Bleu base = Bleu.corpusDefault();
        Map<String, Bleu> bleus = Map.of(
                "bleu", base,
                "bleu_lc", base.withLowercase(true),
                "bleu_tok_none", base.withTokenizer(BleuTokenizer.NONE),
                "bleu_intl", base.withTokenizer(BleuTokenizer.INTL));
        for (Map.Entry<String, Bleu> entry : bleus.entrySet()) {
            Map<String, Object> want = (Map<String, Object>) expected.get(entry.getKey());
            BleuScore got = entry.getValue().corpusScore(hypotheses, references);
            String what = name + " " + entry.getKey();
            assertEquals(number(want.get("score")), got.score(), TOLERANCE, what);
            assertEquals(want.get("signature"), got.signature(), what);
            List<Object> precisions = (List<Object>) want.get("precisions");
            for (int n = 0; n < 4; n++) {
                assertEquals(number(precisions.get(n)), got.precisions()[n], TOLERANCE, what + " p" + (n + 1));
            }
            assertEquals(number(want.get("bp")), got.brevityPenalty(), 1e-4, what + " bp");
            assertEquals(number(want.get("sys_len")), got.hypothesisLength(), what + " sys_len");
            assertEquals(number(want.get("ref_len")), got.referenceLength(), what + " ref_len");
        }

        Map<String, Chrf> chrfs = Map.of("chrf", Chrf.chrf(), "chrfpp", Chrf.chrfPlusPlus());
        for (Map.Entry<String, Chrf> entry : chrfs.entrySet()) {
            Map<String, Object> want = (Map<String, Object>) expected.get(entry.getKey());
            ChrfScore got = entry.getValue().corpusScore(hypotheses, references);
            assertEquals(number(want.get("score")), got.score(), TOLERANCE, name + " " + entry.getKey());
            assertEquals(want.get("signature"), got.signature(), name + " " + entry.getKey());
        }

        Bleu sentenceBleu = Bleu.sentenceDefault();
        for (Map<String, Object> want : (List<Map<String, Object>>) expected.get("sentence_bleu")) {
            int line = ((Number) want.get("line")).intValue();
            BleuScore got = sentenceBleu.sentenceScore(hypotheses.get(line - 1), List.of(references.get(0).get(line - 1)));
            assertEquals(number(want.get("score")), got.score(), TOLERANCE, name + " sentence BLEU line " + line);
        }
    }
}
