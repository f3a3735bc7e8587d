package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nmt4j.WithoutCpuFeatures;
import org.nmt4j.io.UserError;
import org.nmt4j.compute.CpuFeatures;
import org.nmt4j.config.ExperimentConfig;
import org.nmt4j.data.BinarizedCorpus;
import org.nmt4j.model.io.ModelFolder;
import org.nmt4j.translate.Translator;

/** The trainer on the tiny config (data/ corpus, a model of a few thousand parameters). */
class TrainerTest {

    @TempDir
    Path dir;

    private ExperimentConfig tiny(String folder, String... overrides) {
        List<String> all = new ArrayList<>(List.of(overrides));
        all.add("folder=" + dir.resolve(folder));
        return ExperimentConfig.load(Path.of("configs/tiny.yaml"), all);
    }

    private static RecordingMonitor train(ExperimentConfig config, long stopAt) throws IOException {
        return RecordingMonitor.train(config, stopAt);
    }

    @Test
    void trainingAPreparedFolderReadsItsCorpusAndLearnsAsATrainingThatPreparedItself() throws IOException {
        RecordingMonitor straight = train(tiny("straight"), -1);
        Path folder = dir.resolve("prepared");
        RecordingMonitor preparing = new RecordingMonitor();
        TrainingData prepared = FolderPreparation.prepare(tiny("prepared"), preparing);
        assertTrue(Files.isRegularFile(folder.resolve(BinarizedCorpus.FILE)));
        assertFalse(Files.exists(folder.resolve(Checkpoint.FILE)));
        RecordingMonitor trained = train(tiny("prepared"), -1);
        assertTrue(trained.messages.stream().anyMatch(m -> m.contains("prepared before")), trained.messages::toString);
        assertTrue(trained.messages.stream().noneMatch(m -> m.contains("joint BPE merges")), "BPE learned again");
        assertEquals(prepared.train().size(), TrainingData.prepare(tiny("prepared"), null, null, null,
                new RecordingMonitor().progress(), dir.resolve("elsewhere").resolve(BinarizedCorpus.FILE))
                .train().size());
        assertArrayEquals(straight.losses.stream().mapToDouble(Double::doubleValue).toArray(),
                trained.losses.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void weightedCorporaTrainWithEachCorpusItsShareOfAnEpoch() throws IOException {
        String yaml = Files.readString(Path.of("configs/tiny.yaml")).replace("""
                  train_source: data/train.de
                  train_target: data/train.en
                """, """
                  train:
                    - {source: data/train.de, target: data/train.en, weight: 0.5}
                    - {source: data/valid.de, target: data/valid.en, weight: 4}
                """);
        Path file = Files.writeString(dir.resolve("weighted.yaml"), yaml);
        ExperimentConfig config = ExperimentConfig.load(file, List.of("folder=" + dir.resolve("weighted"),
                "training.max_steps=3"));
        RecordingMonitor recorder = train(config, -1);
        assertEquals(3, recorder.losses.size());
        TrainingData data = new Trainer(config, recorder, recorder.stop).prepare();
        int trainPairs = data.train().parts().get(0).count();
        int validPairs = data.train().parts().get(1).count();
        assertTrue(recorder.messages.stream().anyMatch(m -> m.startsWith("train.de/train.en: " + trainPairs
                + " pairs") && m.contains("valid.de/valid.en: ")), recorder.messages::toString);
        int[] visits = new int[data.train().size()];
        for (int[] batch : data.epoch(config, 0).all()) {
            for (int index : batch) {
                visits[index]++;
            }
        }
        assertEquals(Math.round(0.5 * trainPairs), java.util.Arrays.stream(visits, 0, trainPairs).sum());
        assertEquals(4L * validPairs, java.util.Arrays.stream(visits, trainPairs, visits.length).sum());
    }

    @Test
    void aChangedTrainingFileIsPreparedAgain() throws IOException {
        Path source = Files.copy(Path.of("data/train.de"), dir.resolve("train.de"));
        Path target = Files.copy(Path.of("data/train.en"), dir.resolve("train.en"));
        String[] data = {"data.train_source=" + source, "data.train_target=" + target};
        RecordingMonitor preparing = new RecordingMonitor();
        new Trainer(tiny("changed", data), preparing, preparing.stop).prepare();
        Files.writeString(source, Files.readString(source).replaceFirst("(?m)^.*$", "Ein ganz anderer Satz ."));
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                + 5_000));
        RecordingMonitor trained = train(tiny("changed", data), -1);
        assertTrue(trained.messages.stream().anyMatch(m -> m.contains("changed since it was prepared")),
                trained.messages::toString);
        assertEquals(12, trained.losses.size());
    }

    // on two threads each batch is two shards, with dropout masks of their own: still reproduced bit for bit
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void resumeReproducesUninterruptedLosses(int threads) throws IOException {
        checkResume("training.threads=" + threads);
    }

    // bfloat16 products round the same operands the same way: a resumed run is still bit-identical
    @Test
    void resumeInBf16ReproducesUninterruptedLosses() throws IOException {
        assumeTrue(CpuFeatures.hasBf16(), "no bfloat16 instructions on this processor");
        checkResume("training.threads=2", "training.precision=bf16");
    }

    @Test
    void bf16IsRefusedInOneLineOnAProcessorWithoutIt() throws Throwable {
        WithoutCpuFeatures.bf16(() -> {
            UserError e = assertThrows(UserError.class, () -> train(tiny("refused", "training.precision=bf16"), -1));
            assertTrue(e.getMessage().contains("configs/tiny.yaml: training.precision: precision bf16 needs a "
                    + "processor with AVX-512 BF16 or AMX"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertFalse(Files.exists(dir.resolve("refused")), "nothing is prepared before the refusal");
        });
    }

    private void checkResume(String... set) throws IOException {
        RecordingMonitor straight = train(tiny("straight", set), -1);
        assertEquals(12, straight.losses.size());
        // stopped after step 5 (as Ctrl-C does), then resumed to step 12
        RecordingMonitor first = train(tiny("resumed", set), 5);
        RecordingMonitor second = train(tiny("resumed", set), -1);
        List<Double> resumed = new ArrayList<>(first.losses);
        resumed.addAll(second.losses);
        assertArrayEquals(straight.losses.stream().mapToDouble(Double::doubleValue).toArray(),
                resumed.stream().mapToDouble(Double::doubleValue).toArray());
        // the last checkpoints hold the same parameters and moments
        assertArrayEquals(lastParameters(dir.resolve("straight")), lastParameters(dir.resolve("resumed")));
        // and the logs agree on every step, learning rate, loss and validation score
        assertEquals(logWithoutTimes(dir.resolve("straight")), logWithoutTimes(dir.resolve("resumed")));
    }

    @Test
    void withParameterSmoothingAResumedRunContinuesTheSameAverageAndSavesIt() throws IOException {
        String set = "training.exponential_smoothing=0.2";
        RecordingMonitor straight = train(tiny("smooth-straight", set), -1);
        RecordingMonitor first = train(tiny("smooth-resumed", set), 5);
        RecordingMonitor second = train(tiny("smooth-resumed", set), -1);
        List<Double> resumed = new ArrayList<>(first.losses);
        resumed.addAll(second.losses);
        assertArrayEquals(straight.losses.stream().mapToDouble(Double::doubleValue).toArray(),
                resumed.stream().mapToDouble(Double::doubleValue).toArray());
        // validation reads the average: the same validation scores in both logs
        assertEquals(logWithoutTimes(dir.resolve("smooth-straight")), logWithoutTimes(dir.resolve("smooth-resumed")));
        float[] saved = ModelFolder.load(dir.resolve("smooth-straight")).model().parameters().values().toFloatVector();
        assertArrayEquals(saved, ModelFolder.load(dir.resolve("smooth-resumed")).model().parameters().values()
                .toFloatVector());
        // the same training without the average validates differently: validation read the average
        // (and trained alike: the average does not touch training)
        RecordingMonitor plain = train(tiny("plain", "training.exponential_smoothing=0"), -1);
        assertEquals(plain.losses, straight.losses);
        List<String> plainValidation = column(dir.resolve("plain"), 3);
        List<String> smoothValidation = column(dir.resolve("smooth-straight"), 3);
        assertEquals(plainValidation.size(), smoothValidation.size());
        org.junit.jupiter.api.Assertions.assertNotEquals(plainValidation, smoothValidation);
        // parameters.bin is the average, not the trained parameters the checkpoint continues from
        float[] trained = lastParameters(dir.resolve("smooth-straight"));
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(saved,
                java.util.Arrays.copyOf(trained, saved.length)));
    }

    @Test
    void keptParameterSetsAreTheLastValidatedOnesAndAResumedRunKeepsTheSame() throws IOException {
        String[] set = {"training.keep_checkpoints=2", "validation.every_steps=3"};
        train(tiny("keep-straight", set), -1);
        train(tiny("keep-resumed", set), 5);
        train(tiny("keep-resumed", set), -1);
        Path straight = dir.resolve("keep-straight");
        List<Path> kept = KeptParameters.list(straight);
        assertEquals(List.of(9L, 12L), kept.stream().map(KeptParameters::step).toList());
        // the set of the last validation is the parameters the training ended with
        org.nmt4j.model.NmtModel model = ModelFolder.load(straight).model();
        org.nmt4j.model.io.ParameterFile.read(kept.get(1), model.parameters());
        float[] keptValues = model.parameters().values().toFloatVector();
        assertArrayEquals(java.util.Arrays.copyOf(lastParameters(straight), keptValues.length), keptValues);
        List<Path> resumed = KeptParameters.list(dir.resolve("keep-resumed"));
        assertEquals(2, resumed.size());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(Files.readAllBytes(kept.get(i)), Files.readAllBytes(resumed.get(i)));
        }
        UserError tooMany = assertThrows(UserError.class, () -> KeptParameters.last(straight, 3));
        assertTrue(tooMany.getMessage().contains("holds 2 kept parameter sets, 3 asked for"), tooMany.getMessage());
    }

    /**
     * A run killed outright (SIGKILL, no stop request) resumes from its last checkpoint with the same log as a run
     * that never stopped: the checkpoint carries the sums of the log's current interval, so the first row after the
     * resume averages the same steps. Separate processes, as a user's runs are.
     */
    @Test
    void aKilledRunResumesWithTheLogOfARunThatNeverStopped() throws Exception {
        // 600 pairs of data/ keep each process's preparation short
        Path source = Files.write(dir.resolve("train.de"), Files.readAllLines(Path.of("data/train.de")).subList(0, 600));
        Path target = Files.write(dir.resolve("train.en"), Files.readAllLines(Path.of("data/train.en")).subList(0, 600));
        List<String> settings = List.of("data.train_source=" + source, "data.train_target=" + target,
                "training.max_steps=75", "validation.every_steps=30", "training.log_every=7",
                "validation.max_sentences=8", "training.threads=1");
        Path straight = dir.resolve("straight-process");
        Path killed = dir.resolve("killed-process");
        assertEquals(0, train(straight, settings).waitFor(), () -> output(straight));
        Process first = train(killed, settings);
        Path checkpoint = killed.resolve(Checkpoint.FILE);
        long deadline = System.nanoTime() + 120_000_000_000L;
        // the first checkpoint is the validation's at step 30 (written whole, by a rename); the log's rows are at
        // multiples of 7, so the resume point falls inside a log interval
        while (first.isAlive() && !Files.exists(checkpoint)) {
            assertTrue(System.nanoTime() < deadline, "no checkpoint in two minutes");
            Thread.sleep(2);
        }
        first.destroyForcibly();
        assertTrue(first.waitFor() != 0, "the run ended before it could be killed");
        assertEquals(0, train(killed, settings).waitFor(), () -> output(killed));
        assertEquals(logWithoutTimes(straight), logWithoutTimes(killed));
    }

    private static String output(Path folder) {
        try {
            return Files.readString(folder.resolveSibling(folder.getFileName() + ".out"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    // nmt4j train with the tiny config in a process of its own
    private static Process train(Path folder, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.nmt4j.cli.Main", "train", "--config",
                "configs/tiny.yaml", "--set", "folder=" + folder));
        for (String setting : settings) {
            command.add("--set");
            command.add(setting);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolveSibling(folder.getFileName() + ".out")
                        .toFile()));
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    private static List<List<String>> logWithoutTimes(Path folder) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (var record : TrainingLog.read(folder.resolve(TrainingLog.FILE))) {
            rows.add(List.of(record.get("step"), record.get("learning_rate"), record.get("train_loss"),
                    record.get("valid_loss"), record.get("valid_bleu"), record.get("valid_chrf")));
        }
        return rows;
    }

    // one column of the log without times, validation rows only
    private static List<String> column(Path folder, int index) throws IOException {
        return logWithoutTimes(folder).stream().map(row -> row.get(index)).filter(v -> !v.isEmpty()).toList();
    }

    private static float[] lastParameters(Path folder) {
        org.nmt4j.model.NmtModel model = ModelFolder.load(folder).model();
        AdamOptimizer adam = new AdamOptimizer(model.parameters(), 1e-3, 1);
        assertEquals(12, Checkpoint.read(folder.resolve(Checkpoint.FILE), model.parameters(), adam.state()).step());
        float[] values = model.parameters().values().toFloatVector();
        float[] moments = adam.state().toFloatVector();
        float[] both = java.util.Arrays.copyOf(values, values.length + moments.length);
        System.arraycopy(moments, 0, both, values.length, moments.length);
        return both;
    }

    @Test
    void modelFolderHoldsEverythingToTranslateAndALog() throws IOException {
        RecordingMonitor r = train(tiny("m"), -1);
        Path folder = dir.resolve("m");
        for (String file : List.of(ModelFolder.CONFIG, ModelFolder.MODEL_FILE, ModelFolder.PARAMETERS,
                ModelFolder.SOURCE_VOCABULARY, ModelFolder.TARGET_VOCABULARY, ModelFolder.BPE_CODES,
                Checkpoint.FILE, TrainingLog.FILE, TrainingPlot.FILE)) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file);
        }
        assertEquals(2, r.validations.size()); // every 6 of 12 steps
        List<String> log = Files.readAllLines(folder.resolve(TrainingLog.FILE));
        assertEquals(String.join(",", TrainingLog.HEADER), log.get(0));
        assertEquals(1 + 12 + 2, log.size()); // a row per step (log_every 1) and per validation
        assertTrue(javax.imageio.ImageIO.read(folder.resolve(TrainingPlot.FILE).toFile()).getWidth() > 0);
        Translator translator = Translator.load(folder);
        assertEquals(2, translator.translate(List.of("Der Mann liest das Buch.", "")).size());
    }

    @Test
    void aModelTrainedWithoutATokenizerNeedsNoLanguageAndWritesPlainText() throws IOException {
        ExperimentConfig config = tiny("none", "preprocessing.tokenizer=none", "preprocessing.source_language=null",
                "preprocessing.target_language=null");
        assertEquals(null, config.preprocessing().sourceLanguage());
        train(config, -1);
        Translator translator = Translator.load(dir.resolve("none"));
        String written = translator.translate(List.of("Der Mann liest das Buch.")).get(0).text();
        assertFalse(written.contains("\u2581") || written.contains("@@") || written.startsWith(" "), written);
        assertTrue(Files.readString(dir.resolve("none").resolve(ModelFolder.BPE_CODES)).contains("\u2581"));
    }

    @Test
    void divergingLossStopsWithAMessageAndKeepsTheLastCheckpoint() throws IOException {
        // 1e38: updates at float's edge, so the next forward overflows to NaN on any machine (1e30 stayed finite on
        // some: huge but finite losses)
        ExperimentConfig config = tiny("nan", "training.learning_rate=1e38", "training.clip_norm=0",
                "validation.every_steps=1", "validation.max_sentences=2");
        String message = assertThrows(UserError.class, () -> train(config, -1)).getMessage();
        assertTrue(message.matches("training stopped at step \\d+: the loss is (NaN|Infinity); the last checkpoint in "
                + ".* is untouched \\(try a lower training.learning_rate or training.clip_norm\\)"), message);
        long failedStep = Long.parseLong(message.replaceAll("training stopped at step (\\d+):.*", "$1"));
        org.nmt4j.model.NmtModel model = ModelFolder.load(dir.resolve("nan")).model();
        TrainingState saved = Checkpoint.read(dir.resolve("nan").resolve(Checkpoint.FILE), model.parameters(),
                new AdamOptimizer(model.parameters(), 1e-3, 1).state());
        assertEquals(failedStep - 1, saved.step());
    }

    @Test
    void resumeWithAnotherModelIsRefused() throws IOException {
        train(tiny("m", "training.max_steps=2", "validation.every_steps=0"), -1);
        String message = assertThrows(UserError.class,
                () -> train(tiny("m", "model.decoder_size=16"), -1)).getMessage();
        assertTrue(message.contains("was trained with a different 'model' section"), message);
    }

    @Test
    void folderWithoutCheckpointIsNotOverwritten() throws IOException {
        Files.createDirectories(dir.resolve("taken"));
        Files.writeString(dir.resolve("taken/notes.txt"), "mine");
        String message = assertThrows(UserError.class, () -> train(tiny("taken"), -1)).getMessage();
        assertTrue(message.contains("exists and holds no checkpoint"), message);
        assertEquals("mine", Files.readString(dir.resolve("taken/notes.txt")));
    }

    @Test
    void validationScoresTheAlignmentOfGoldPairsIntoTheLogAndCanPickTheBestModel() throws IOException {
        String[] alignment = {"validation.alignment.source=data/test.de", "validation.alignment.target=data/test.en",
            "validation.alignment.gold=data/test.gold", "validation.metric=aer"};
        RecordingMonitor recorder = train(tiny("aligned", alignment), -1);
        assertEquals(2, recorder.validations.size());
        for (ValidationResult r : recorder.validations) {
            assertTrue(r.aer() > 0 && r.aer() < 1 && r.alignmentPrecision() > 0 && r.alignmentRecall() > 0,
                    r.toString());
        }
        List<org.apache.commons.csv.CSVRecord> rows = TrainingLog.read(dir.resolve("aligned")
                .resolve(TrainingLog.FILE));
        List<String> aers = rows.stream().map(row -> row.get("valid_aer")).filter(v -> !v.isEmpty()).toList();
        assertEquals(2, aers.size());
        assertEquals(recorder.validations.get(1).aer(), Double.parseDouble(aers.get(1)), 1e-4);
        UserError missing = assertThrows(UserError.class, () -> tiny("x", "validation.metric=aer"));
        assertTrue(missing.getMessage().contains("aer needs validation.alignment"), missing.getMessage());
        UserError partial = assertThrows(UserError.class, () -> tiny("y", "validation.alignment.source=data/test.de"));
        assertTrue(partial.getMessage().contains("validation.alignment.target: missing"), partial.getMessage());
        String absent = assertThrows(UserError.class, () -> train(tiny("z", alignment[0], alignment[1],
                "validation.alignment.gold=data/none.gold"), -1)).getMessage();
        assertTrue(absent.endsWith("validation.alignment.gold: no such file 'data/none.gold'"), absent);
        // the model folder is used where the gold is not: its config names it, translation does not read it
        Path config = dir.resolve("aligned").resolve(org.nmt4j.model.io.ModelFolder.CONFIG);
        Files.writeString(config, Files.readString(config).replace("data/test.gold", "data/moved.gold"));
        assertEquals(1, org.nmt4j.translate.Translator.load(dir.resolve("aligned"))
                .translate(List.of("ein hund")).size());
    }
}
