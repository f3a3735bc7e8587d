package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nmt4j.WithoutBf16;
import org.nmt4j.QuickstartModel;
import org.nmt4j.compute.CpuFeatures;
import org.nmt4j.compute.Precision;
import org.nmt4j.eval.Bleu;
import org.nmt4j.io.UserError;

/** Search with its products in bfloat16 translates as fp32 does, within what a user would notice. */
class PrecisionSearchTest {

    @TempDir
    Path scratch;

    private static double bleu(List<Translation> translations, List<String> references) {
        return Bleu.corpusDefault().corpusScore(translations.stream().map(Translation::text).toList(),
                List.of(references)).score();
    }

    @Test
    void bf16TranslationsScoreWithinOneBleuOfFp32GreedyBeamShortlistAndEnsemble() throws IOException {
        assumeTrue(CpuFeatures.hasBf16(), "no bfloat16 instructions on this processor");
        List<String> sources = Files.readAllLines(Path.of("data/test.de"));
        List<String> references = Files.readAllLines(Path.of("data/test.en"));
        Path folder = QuickstartModel.folder();
        Translator fp32 = Translator.load(folder).withThreads(2);
        Translator bf16 = fp32.withPrecision(Precision.BF16);
        assertEquals(Precision.BF16, bf16.scorer().members().get(0).precision());
        for (int beam : new int[] {1, 5}) {
            Translator exact = fp32.with(fp32.decoding().withBeamSize(beam), false);
            Translator lowered = bf16.with(bf16.decoding().withBeamSize(beam), false);
            double reference = bleu(exact.translate(sources), references);
            double score = bleu(lowered.translate(sources), references);
            assertEquals(reference, score, 1.0, "beam " + beam);
        }
        // with a shortlist (its columns stay fp32, the other products do not), and an ensemble of two members
        Path copy = Files.createDirectories(scratch.resolve("quickstart")); // learn writes into the folder
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Shortlist shortlist = Shortlist.learn(copy, 100, 50, 100_000);
        assertEquals(bleu(fp32.withShortlist(shortlist).translate(sources), references),
                bleu(bf16.withShortlist(shortlist).translate(sources), references), 1.0);
        Translator ensemble = Translator.load(List.of(folder, folder), new double[] {1, 1}).withThreads(2);
        Translator loweredEnsemble = ensemble.withPrecision(Precision.BF16);
        assertEquals(Precision.BF16, loweredEnsemble.scorer().members().get(1).precision());
        assertEquals(bleu(ensemble.translate(sources), references),
                bleu(loweredEnsemble.translate(sources), references), 1.0);
    }

    @Test
    void bf16SearchIsRefusedInOneLineWhereTheProcessorLacksIt() throws Throwable {
        Translator translator = Translator.load(QuickstartModel.folder());
        WithoutBf16.run(() -> {
            UserError e = assertThrows(UserError.class, () -> translator.withPrecision(Precision.BF16));
            assertTrue(e.getMessage().startsWith("precision bf16 needs a processor with AVX-512 BF16 or AMX"),
                    e.getMessage());
        });
    }
}
