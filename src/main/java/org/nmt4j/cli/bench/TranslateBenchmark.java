package org.nmt4j.cli.bench;

import org.nmt4j.cli.ModelOptions;
import org.nmt4j.cli.PrecisionName;
import org.nmt4j.cli.Tenure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.nmt4j.io.UserError;
import org.nmt4j.align.AlignmentExport;
import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.data.AlignedFiles;
import org.nmt4j.translate.Translation;
import org.nmt4j.text.Vocabulary;
import org.nmt4j.translate.Shortlist;
import org.nmt4j.translate.Translator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.nmt4j.compute.NativeThreads;
import org.nmt4j.compute.Precision;

@Command(name = "translate", mixinStandardHelpOptions = true,
        description = {"Decoding speed of a model folder the way the PyTorch yardstick's bench measures it: Multi30k "
                + "val (1,014 sentences), batches of 64, max length 50, greedy and beam 5, after a warm-up until the "
                + "JIT compiler has settled (passes until two in a row spend under 3 %% of their time compiling), the "
                + "median of --repeats passes; then the time to export the beam-5 alignments of all of them in every "
                + "format; resident memory."})
final class TranslateBenchmark implements Runnable {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", paramLabel = "DIR", description = "Multi30k's folder, with val.de.gz "
            + "(scripts/get-multi30k.sh puts it in data/multi30k); required but with --source-lengths.")
    Path data;

    @Option(names = "--warm-up-seconds", defaultValue = "60", description = "Most seconds of warm-up per search "
            + "(default: ${DEFAULT-VALUE}).")
    double warmUpSeconds;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Passes over the sentences per search; the median speed is printed "
                    + "(default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--export", description = "Where the alignment export goes (default: a temporary folder).")
    Path export;

    @Option(names = "--source-lengths", split = ",", paramLabel = "N,N,...",
            description = "Instead: the cost of long inputs. Synthetic sentences of each length (random pieces of "
                    + "the model's source vocabulary), greedy and beam 5 (at most 50 target pieces): time per "
                    + "sentence and peak memory, e.g. 10,50,100,200,500,1000. With several --model folders (e.g. "
                    + "global and windowed attention), each in turn, side by side in the figures.")
    List<Integer> sourceLengths;

    @Option(names = "--shortlist", description = "Also time search with the model folder's lexical shortlist ("
            + Shortlist.FILE + ", made by 'nmt4j shortlist').")
    boolean shortlist;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|bf16|int8",
            converter = PrecisionName.class, description = "bf16 or int8: also time each search with its products in "
                    + "that precision (translate --precision), the figures' names ending in _bf16 or _int8.")
    Precision precision;

    @Option(names = "--plot", paramLabel = "PNG", description = "With --source-lengths: draw the figures here.")
    Path plot;

    @Override
    public void run() {
        if (repeats < 1) {
            throw new UserError("--repeats must be at least 1");
        }
        int threads = NativeThreads.configure(modelOptions.threads());
        if (sourceLengths != null) {
            sourceLengths(modelOptions.models(), threads);
            return;
        }
        Path model = modelOptions.single("bench translate");
        List<String> sources = validationSources(data, "bench translate");
        Translator loaded = Tenure.afterLoading(Translator.load(model)).withThreads(threads);
        System.out.printf("sentences %d threads %d%n", sources.size(), threads);
        List<Translation> beam = null;
        // the whole vocabulary, then (asked for) the shortlist, each in fp32 and (asked for) bf16; with() keeps a
        // translator's shortlist and precision
        List<Variant> variants = new java.util.ArrayList<>(List.of(new Variant("", loaded)));
        if (shortlist) {
            variants.add(new Variant("_shortlist", loaded.withShortlist(model.resolve(Shortlist.FILE))));
        }
        if (precision != Precision.FP32) {
            for (Variant v : List.copyOf(variants)) {
                String suffix = v.suffix() + "_" + precision.label();
                variants.add(new Variant(suffix, v.translator().withPrecision(precision)));
            }
        }
        for (int beamSize : new int[] {1, 5}) {
            for (Variant named : variants) {
                Translator variant = named.translator();
                Translator translator = variant.with(loaded.decoding().withBeamSize(beamSize).withBatchSize(64)
                        .withMaxLength(50, 0), false);
                // warm: the JIT compiler takes about twelve passes to settle (greedy passes speed up by a half over
                // them), and a median taken earlier measures the compiler too
                JitWarmup.Result warm = JitWarmup.until(() -> translator.translate(sources), warmUpSeconds);
                System.out.printf("warm_up_%s%s_s %.0f (%d passes%s)%n", beamSize == 1 ? "greedy" : "beam5",
                        named.suffix(), warm.seconds(), warm.slices(),
                        warm.settled() ? "" : ", not settled");
                double[] perSecond = new double[repeats];
                List<Translation> found = null;
                for (int i = 0; i < repeats; i++) {
                    long start = System.nanoTime();
                    found = translator.translate(sources);
                    perSecond[i] = sources.size() / ((System.nanoTime() - start) / 1e9);
                }
                beam = variant == loaded ? found : beam;
                java.util.Arrays.sort(perSecond);
                System.out.printf("decode_%s_b64%s_sent_per_s %.0f%n", beamSize == 1 ? "greedy" : "beam5",
                        named.suffix(), perSecond[repeats / 2]);
            }
        }
        try {
            Path folder = export != null ? export : Files.createTempDirectory("nmt4j-bench-align");
            long start = System.nanoTime();
            AlignmentExport.write(folder, beam.stream().map(t -> AlignmentMatrix.of(t).withoutEos()).toList(),
                    Set.of("csv", "json", "png", "svg", "html"));
            System.out.printf("export_alignments_all_formats_s %.1f%n", (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UserError("cannot write the alignment export (" + e.getMessage() + ")");
        }
        System.out.printf("peak_rss_mb %.0f%n", ResidentMemory.peakMb());
    }

    // a translator as timed, and the suffix of its figures' names
    private record Variant(String suffix, Translator translator) {
    }

    private static final java.awt.Color[] COLORS = {new java.awt.Color(0x1f77b4), new java.awt.Color(0xd62728),
        new java.awt.Color(0x2ca02c), new java.awt.Color(0xff7f0e), new java.awt.Color(0x9467bd),
        new java.awt.Color(0x8c564b)};

    // the long-input figures of each model in turn: one line each, and the plot's series
    private void sourceLengths(List<Path> models, int threads) {
        List<org.nmt4j.io.LinePlot.Series> times = new java.util.ArrayList<>();
        List<org.nmt4j.io.LinePlot.Series> memories = new java.util.ArrayList<>();
        for (Path model : models) {
            String name = models.size() == 1 ? "" : model.getFileName() + " ";
            List<double[]> greedy = new java.util.ArrayList<>();
            List<double[]> beam = new java.util.ArrayList<>();
            List<double[]> memory = new java.util.ArrayList<>();
            sourceLengths(Translator.load(model).withThreads(threads), name, greedy, beam, memory);
            int color = times.size();
            times.add(new org.nmt4j.io.LinePlot.Series(name + "greedy", COLORS[color % COLORS.length], greedy));
            times.add(new org.nmt4j.io.LinePlot.Series(name + "beam 5", COLORS[(color + 1) % COLORS.length], beam));
            memories.add(new org.nmt4j.io.LinePlot.Series(name + "resident MB", COLORS[color % COLORS.length], memory));
        }
        if (plot != null) {
            try {
                org.nmt4j.io.LinePlot.write(plot, 600, 450, List.of(
                        new org.nmt4j.io.LinePlot.Panel("source pieces", "ms per sentence", times),
                        new org.nmt4j.io.LinePlot.Panel("source pieces", models.size() == 1 ? "peak resident MB"
                                : "resident MB after each length", memories)));
                System.out.println("plot " + plot);
            } catch (IOException e) {
                throw new UserError(plot + ": cannot write (" + e.getMessage() + ")");
            }
        }
    }

    private void sourceLengths(Translator loaded, String name, List<double[]> greedy, List<double[]> beam,
                               List<double[]> memory) {
        java.util.Random random = new java.util.Random(1);
        int v = loaded.sourceVocabulary().size();
        for (int length : sourceLengths.stream().sorted().toList()) {
            if (length < 1) {
                throw new UserError("--source-lengths: " + length + " is not a length");
            }
            int count = Math.max(2, Math.min(64, 2000 / length));
            List<List<String>> sentences = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int[] ids = random.ints(length, Vocabulary.SPECIALS.size(), v).toArray();
                sentences.add(loaded.sourceVocabulary().decode(ids));
            }
            double[] ms = new double[2];
            for (int k = 0; k < 2; k++) {
                int beamSize = k == 0 ? 1 : 5;
                Translator t = loaded.with(loaded.decoding().withBeamSize(beamSize).withBatchSize(16)
                        .withMaxLength(50, 0).withOverrides(null, null, null, null, length, 0), false);
                t.translatePieces(sentences.subList(0, 1), 1); // warm-up at this length
                long start = System.nanoTime();
                t.translatePieces(sentences, 1);
                ms[k] = (System.nanoTime() - start) / 1e6 / count;
            }
            double peak = ResidentMemory.peakMb();
            double current = ResidentMemory.currentMb();
            System.out.printf("%ssource_length %d sentences %d greedy_ms_per_sentence %.1f beam5_ms_per_sentence %.1f "
                    + "peak_rss_mb %.0f rss_mb %.0f%n", name.isEmpty() ? "" : "model " + name, length, count, ms[0],
                    ms[1], peak, current);
            greedy.add(new double[] {length, ms[0]});
            beam.add(new double[] {length, ms[1]});
            memory.add(new double[] {length, name.isEmpty() ? peak : current});
        }
    }

    /** Multi30k val's German sentences from {@code --data DIR}, or a one-line error naming what is missing. */
    static List<String> validationSources(Path data, String command) {
        if (data == null) {
            throw new UserError(command + ": --data DIR is required: the folder holding Multi30k's val.de.gz "
                    + "(scripts/get-multi30k.sh puts it in data/multi30k)");
        }
        Path file = data.resolve("val.de.gz");
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file (--data DIR must hold Multi30k's val.de.gz; "
                    + "scripts/get-multi30k.sh puts it in data/multi30k)");
        }
        return AlignedFiles.readLines(file);
    }
}
