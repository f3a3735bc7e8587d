package org.nmt4j.align.lexical;

import java.util.Arrays;
import java.util.Map;

import org.nmt4j.compute.ParallelWork;

/**
 * fast_align's model (Dyer, Chahuneau and Smith 2013): IBM Model 2 whose alignment distribution favours the diagonal,
 * p(a_i = j | i, m, n) = (1 − p0) · exp(−λ |i/m − j/n|) / Z for a word j of the conditioning sentence (length n), p0
 * for the empty word, times the lexical p(f_i | e_j). Trained by EM with the tension λ re-estimated after each
 * iteration and, optionally, variational-Bayes smoothing of the lexical table (fast_align's {@code -v}). One direction:
 * each word of the generated side is aligned to at most one word of the conditioning side.
 */
public final class DiagonalModel {

    /** fast_align's defaults: p0 0.08, λ 4 at the start, α 0.01, 5 iterations. */
    public record Settings(int iterations, double nullProbability, double initialTension, boolean optimizeTension,
            double variationalAlpha) {

        public static Settings fastAlign() {
            return new Settings(5, 0.08, 4.0, true, 0.01);
        }
    }

    /** What one EM iteration reports. */
    public record Iteration(int number, double log2Perplexity, double tension, double seconds) {
    }

    private static final int BLOCK = 8192;

    private final boolean sourceConditions; // true: p(target | source), each target word aligned to a source word
    private final Settings settings;
    private final PairTable table;
    private final float[] probabilities;
    private double tension;

    private DiagonalModel(boolean sourceConditions, Settings settings, PairTable table, float[] probabilities,
            double tension) {
        this.sourceConditions = sourceConditions;
        this.settings = settings;
        this.table = table;
        this.probabilities = probabilities;
        this.tension = tension;
    }

    /**
     * Trains one direction on {@code corpus}: {@code sourceConditions} true models the target given the source (the
     * forward direction), false the source given the target.
     */
    static DiagonalModel train(EncodedCorpus corpus, boolean sourceConditions, Settings settings, int threads,
            java.util.function.Consumer<Iteration> progress) {
        PairTable table = new PairTable((int) Math.min(1 << 28, corpus.tokens(true) + corpus.tokens(false)));
        corpus.forEachBlock(BLOCK, block -> {
            for (int k = 0; k < block.size(); k++) {
                int[] e = sourceConditions ? block.source()[k] : block.target()[k];
                int[] f = sourceConditions ? block.target()[k] : block.source()[k];
                if (e.length == 0) {
                    continue;
                }
                for (int fi : f) {
                    table.add(0, fi);
                    for (int ej : e) {
                        table.add(ej, fi);
                    }
                }
            }
        });
        float[] probabilities = new float[table.capacity()];
        // uniform: the first iteration is IBM Model 1 with the diagonal prior
        Arrays.fill(probabilities, 1f / corpus.words(!sourceConditions));
        DiagonalModel model = new DiagonalModel(sourceConditions, settings, table, probabilities,
                settings.initialTension());
        model.estimate(corpus, threads, progress);
        return model;
    }

    private void estimate(EncodedCorpus corpus, int threads, java.util.function.Consumer<Iteration> progress) {
        int slices = Math.max(1, threads);
        double[][] counts = new double[slices][table.capacity()];
        int conditioningWords = corpus.words(sourceConditions);
        for (int iteration = 1; iteration <= settings.iterations(); iteration++) {
            long start = System.nanoTime();
            for (double[] c : counts) {
                Arrays.fill(c, 0);
            }
            double[] logLikelihood = new double[slices];
            double[] expectedFeature = new double[slices];
            corpus.forEachBlock(BLOCK, block -> ParallelWork.run(slices, slices, s -> {
                Scratch scratch = new Scratch();
                for (int k = s; k < block.size(); k += slices) {
                    int[] e = sourceConditions ? block.source()[k] : block.target()[k];
                    int[] f = sourceConditions ? block.target()[k] : block.source()[k];
                    if (e.length > 0 && f.length > 0) {
                        logLikelihood[s] += expect(e, f, counts[s], scratch);
                        expectedFeature[s] += scratch.feature;
                    }
                }
            }));
            long tokens = generatedTokens(corpus.lengthCounts());
            double likelihood = Arrays.stream(logLikelihood).sum();
            double feature = Arrays.stream(expectedFeature).sum() / Math.max(1, tokens);
            if (settings.optimizeTension() && iteration > 1) {
                optimizeTension(feature, corpus.lengthCounts(), tokens);
            }
            LexicalTable.maximize(table, probabilities, counts, conditioningWords, settings.variationalAlpha());
            progress.accept(new Iteration(iteration, -likelihood / Math.log(2) / Math.max(1, tokens), tension,
                    (System.nanoTime() - start) / 1e9));
        }
    }

    /** Per-thread buffers of one pair's E-step. */
    private static final class Scratch {
        double[] prior = new double[64];
        double[] score = new double[64];
        int[] slots = new int[64];
        double feature;

        void fit(int n) {
            if (prior.length < n) {
                prior = new double[n];
                score = new double[n];
                slots = new int[n];
            }
        }
    }

    // adds one pair's posteriors to counts and returns its log-likelihood; scratch.feature gets Σ post · feature
    private double expect(int[] e, int[] f, double[] counts, Scratch scratch) {
        int n = e.length;
        int m = f.length;
        scratch.fit(n);
        double p0 = settings.nullProbability();
        double logLikelihood = 0;
        double feature = 0;
        for (int i = 0; i < m; i++) {
            double z = prior(i, m, n, scratch.prior);
            int nullSlot = table.slot(0, f[i]);
            double nullScore = probabilities[nullSlot] * p0;
            double sum = nullScore;
            for (int j = 0; j < n; j++) {
                int slot = table.slot(e[j], f[i]);
                scratch.slots[j] = slot;
                double s = probabilities[slot] * (1 - p0) * scratch.prior[j] / z;
                scratch.score[j] = s;
                sum += s;
            }
            logLikelihood += Math.log(sum);
            counts[nullSlot] += nullScore / sum;
            for (int j = 0; j < n; j++) {
                double posterior = scratch.score[j] / sum;
                counts[scratch.slots[j]] += posterior;
                feature += posterior * feature(i, m, j, n);
            }
        }
        scratch.feature = feature;
        return logLikelihood;
    }

    // the diagonal prior's unnormalized weights of generated position i over the n conditioning positions; their sum
    private double prior(int i, int m, int n, double[] weights) {
        double z = 0;
        for (int j = 0; j < n; j++) {
            weights[j] = Math.exp(tension * feature(i, m, j, n));
            z += weights[j];
        }
        return z;
    }

    // −|i/m − j/n| with 1-based positions, as fast_align's DiagonalAlignment::Feature
    private static double feature(int i, int m, int j, int n) {
        return -Math.abs((i + 1.0) / m - (j + 1.0) / n);
    }

    private long generatedTokens(Map<Long, Long> lengthCounts) {
        long tokens = 0;
        for (Map.Entry<Long, Long> entry : lengthCounts.entrySet()) {
            tokens += entry.getValue() * generatedLength(entry.getKey());
        }
        return tokens;
    }

    private int generatedLength(long lengths) {
        return sourceConditions ? (int) lengths : (int) (lengths >>> 32);
    }

    private int conditioningLength(long lengths) {
        return sourceConditions ? (int) (lengths >>> 32) : (int) lengths;
    }

    // fast_align's update: eight gradient steps moving the prior's expected feature towards the posteriors'
    private void optimizeTension(double empiricalFeature, Map<Long, Long> lengthCounts, long tokens) {
        double[] weights = new double[16];
        for (int step = 0; step < 8; step++) {
            double modelFeature = 0;
            for (Map.Entry<Long, Long> entry : lengthCounts.entrySet()) {
                int m = generatedLength(entry.getKey());
                int n = conditioningLength(entry.getKey());
                if (weights.length < n) {
                    weights = new double[n];
                }
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    double z = prior(i, m, n, weights);
                    double expected = 0;
                    for (int j = 0; j < n; j++) {
                        expected += weights[j] * feature(i, m, j, n);
                    }
                    sum += expected / z;
                }
                modelFeature += entry.getValue() * sum;
            }
            modelFeature /= Math.max(1, tokens);
            tension = Math.min(14, Math.max(0.1, tension + (empiricalFeature - modelFeature) * 20));
        }
    }

    /**
     * The most probable alignment of one pair (given as source and target ids): for each word of the generated side,
     * the position of its conditioning word, or -1 for the empty word.
     */
    int[] viterbi(int[] source, int[] target) {
        int[] e = sourceConditions ? source : target;
        int[] f = sourceConditions ? target : source;
        int n = e.length;
        int m = f.length;
        int[] best = new int[m];
        Arrays.fill(best, -1);
        if (n == 0) {
            return best;
        }
        double[] weights = new double[n];
        double p0 = settings.nullProbability();
        for (int i = 0; i < m; i++) {
            double z = prior(i, m, n, weights);
            int nullSlot = table.slot(0, f[i]);
            double top = nullSlot < 0 ? 0 : probabilities[nullSlot] * p0;
            for (int j = 0; j < n; j++) {
                int slot = table.slot(e[j], f[i]);
                double s = slot < 0 ? 0 : probabilities[slot] * (1 - p0) * weights[j] / z;
                if (s > top) {
                    top = s;
                    best[i] = j;
                }
            }
        }
        return best;
    }

    /** The two directions' Viterbi alignments, each on its own. */
    static DirectionalAligner both(DiagonalModel forward, DiagonalModel reverse) {
        return (source, target) -> new int[][] {forward.viterbi(source, target), reverse.viterbi(source, target)};
    }

    double tension() {
        return tension;
    }

    boolean sourceConditions() {
        return sourceConditions;
    }

    /** The word pairs of the lexical table. */
    PairTable table() {
        return table;
    }

    /** p(f | e) by slot of {@link #table()}; e = 0 is the empty word. */
    float[] probabilities() {
        return probabilities;
    }
}
