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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nmt4j.WithoutCpuFeatures;
import org.nmt4j.QuickstartModel;
import org.nmt4j.compute.Precision;
import org.nmt4j.eval.Bleu;
import org.nmt4j.io.UserError;

/** Search with its products in bfloat16 or int8 translates as fp32 does, within what a user would notice. */
class PrecisionSearchTest {

    @TempDir
    Path scratch;

    private static double bleu(List<Translation> translations, List<String> references) {
        return Bleu.corpusDefault().corpusScore(translations.stream().map(Translation::text).toList(),
                List.of(references)).score();
    }

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"BF16", "INT8"})
    void loweredTranslationsScoreWithinOneBleuOfFp32GreedyBeamShortlistAndEnsemble(Precision precision)
            throws IOException {
        assumeTrue(precision.unsupportedReason() == null, "no " + precision.label() + " instructions here");
        List<String> sources = Files.readAllLines(Path.of("data/test.de"));
        List<String> references = Files.readAllLines(Path.of("data/test.en"));
        Path folder = QuickstartModel.folder();
        Translator fp32 = Translator.load(folder).withThreads(2);
        Translator lowered = fp32.withPrecision(precision);
        assertEquals(precision, lowered.scorer().members().get(0).precision());
        for (int beam : new int[] {1, 5}) {
            Translator exact = fp32.with(fp32.decoding().withBeamSize(beam), false);
            Translator loweredBeam = lowered.with(lowered.decoding().withBeamSize(beam), false);
            double reference = bleu(exact.translate(sources), references);
            double score = bleu(loweredBeam.translate(sources), references);
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
                bleu(lowered.withShortlist(shortlist).translate(sources), references), 1.0);
        Translator ensemble = Translator.load(List.of(folder, folder), new double[] {1, 1}).withThreads(2);
        Translator loweredEnsemble = ensemble.withPrecision(precision);
        assertEquals(precision, loweredEnsemble.scorer().members().get(1).precision());
        assertEquals(bleu(ensemble.translate(sources), references),
                bleu(loweredEnsemble.translate(sources), references), 1.0);
    }

    @Test
    void loweredSearchIsRefusedInOneLineWhereTheProcessorLacksIt() throws Throwable {
        Translator translator = Translator.load(QuickstartModel.folder());
        WithoutCpuFeatures.bf16(() -> {
            UserError e = assertThrows(UserError.class, () -> translator.withPrecision(Precision.BF16));
            assertTrue(e.getMessage().startsWith("precision bf16 needs a processor with AVX-512 BF16 or AMX"),
                    e.getMessage());
        });
        WithoutCpuFeatures.int8(() -> {
            UserError e = assertThrows(UserError.class, () -> translator.withPrecision(Precision.INT8));
            assertTrue(e.getMessage().startsWith("precision int8 needs a processor with VNNI or AMX"), e.getMessage());
        });
    }
}
