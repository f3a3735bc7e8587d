package org.nmt4j.align.lexical;

import java.util.Arrays;
import java.util.function.Consumer;

import org.nmt4j.compute.ParallelWork;

/**
 * The HMM alignment model (Vogel, Ney and Tillmann 1996) with Och and Ney's empty word (2003), the model GIZA++ trains
 * between IBM Model 1 and Model 4: the position a word of the generated side aligns to depends on where its
 * predecessor aligned, through a distribution over the jump width d = j' − j (clamped to ±{@code maxJump}); the
 * empty word, with probability p0, keeps the last position so the next jump starts from there. Lexical p(f | e) and
 * the jumps are estimated by forward-backward EM, starting from the {@link DiagonalModel}'s lexical table.
 *
 * <p>Both directions are trained together. With {@code agreement} (Liang, Taskar and Klein 2006, "Alignment by
 * Agreement") the lexical counts of both come from the product of the two directions' link posteriors, which pushes
 * them towards the links both believe. A word is linked to its most probable position when that posterior reaches
 * {@code threshold} (posterior decoding), else to nothing.
 */
public final class HiddenMarkovModel {

    /** Iterations of both directions, p0, the largest jump told apart, agreement, the posterior threshold, α. */
    public record Settings(int iterations, double nullProbability, int maxJump, boolean agreement, double threshold,
            double variationalAlpha) {

        /** The settings that align the Hansards trial pairs best. */
        public static Settings standard() {
            return new Settings(5, 0.2, 8, true, 0.5, 0.0);
        }
    }

    /** What one EM iteration over both directions reports. */
    record Iteration(int number, double forwardLog2Perplexity, double reverseLog2Perplexity, double seconds) {
    }

    private static final int BLOCK = 8192;

    private final boolean sourceConditions;
    private final Settings settings;
    private final PairTable table;
    private final float[] probabilities;
    private final double[] jumps; // p(jump d) at d + maxJump, d clamped to [−maxJump, maxJump]

    private HiddenMarkovModel(DiagonalModel start, Settings settings) {
        this.sourceConditions = start.sourceConditions();
        this.settings = settings;
        this.table = start.table();
        this.probabilities = start.probabilities().clone();
        int k = settings.maxJump();
        this.jumps = new double[2 * k + 1];
        double sum = 0;
        for (int d = -k; d <= k; d++) {
            jumps[d + k] = 1.0 / (1 + Math.abs(d - 1));
            sum += jumps[d + k];
        }
        for (int i = 0; i < jumps.length; i++) {
            jumps[i] /= sum;
        }
    }

    /**
     * Trains both directions on {@code corpus} from the two diagonal models' lexical tables; returns {forward,
     * reverse}.
     */
    static HiddenMarkovModel[] train(EncodedCorpus corpus, DiagonalModel forward, DiagonalModel reverse,
            Settings settings, int threads, Consumer<Iteration> progress) {
        HiddenMarkovModel[] models = {new HiddenMarkovModel(forward, settings), new HiddenMarkovModel(reverse,
                settings)};
        int slices = Math.max(1, threads);
        double[][][] lexical = new double[2][slices][];
        double[][][] jumpCounts = new double[2][slices][models[0].jumps.length];
        for (int d = 0; d < 2; d++) {
            for (int s = 0; s < slices; s++) {
                lexical[d][s] = new double[models[d].table.capacity()];
            }
        }
        for (int iteration = 1; iteration <= settings.iterations(); iteration++) {
            long start = System.nanoTime();
            for (int d = 0; d < 2; d++) {
                for (int s = 0; s < slices; s++) {
                    Arrays.fill(lexical[d][s], 0);
                    Arrays.fill(jumpCounts[d][s], 0);
                }
            }
            double[][] logLikelihood = new double[2][slices];
            corpus.forEachBlock(BLOCK, block -> ParallelWork.run(slices, slices, s -> {
                Lattice f = new Lattice();
                Lattice r = new Lattice();
                for (int k = s; k < block.size(); k += slices) {
                    int[] source = block.source()[k];
                    int[] target = block.target()[k];
                    if (source.length == 0 || target.length == 0) {
                        continue;
                    }
                    logLikelihood[0][s] += models[0].posteriors(source, target, f, jumpCounts[0][s]);
                    logLikelihood[1][s] += models[1].posteriors(source, target, r, jumpCounts[1][s]);
                    if (settings.agreement()) {
                        agree(f, r);
                    }
                    count(f, lexical[0][s]);
                    count(r, lexical[1][s]);
                }
            }));
            for (int d = 0; d < 2; d++) {
                models[d].maximize(lexical[d], jumpCounts[d], corpus.words(models[d].sourceConditions));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.accept(new Iteration(iteration,
                    -Arrays.stream(logLikelihood[0]).sum() / Math.log(2) / Math.max(1, corpus.tokens(false)),
                    -Arrays.stream(logLikelihood[1]).sum() / Math.log(2) / Math.max(1, corpus.tokens(true)),
                    seconds));
        }
        return models;
    }

    /**
     * One pair's lattice: emissions, transitions, the scaled forward and backward variables and the link posteriors
     * of the generated side's m words over the conditioning side's n positions (row-major, m × n).
     */
    static final class Lattice {
        int m;
        int n;
        double[] emit = new double[256];
        double[] emitNull = new double[16];
        int[] slots = new int[256];             // m × n: the lexical table's slot of each (e_j, f_i), or -1
        int[] nullSlots = new int[16];          // m: the slot of (NULL, f_i), or -1
        double[] transition = new double[256]; // (n + 1) × n: row 0 the start, row j + 1 after position j
        double[] alpha = new double[512]; // m × 2n: real positions, then the empty word remembering each position
        double[] beta = new double[256];
        double[] scale = new double[16];
        double[] posterior = new double[256];
        double[] sums = new double[16];
        double[] weights = new double[16];

        void fit(int m, int n) {
            this.m = m;
            this.n = n;
            if (emit.length < m * n) {
                emit = new double[m * n];
                slots = new int[m * n];
                beta = new double[m * n];
                posterior = new double[m * n];
                alpha = new double[2 * m * n];
            }
            if (transition.length < (n + 1) * n) {
                transition = new double[(n + 1) * n];
            }
            int longest = Math.max(m, n);
            if (emitNull.length < longest) {
                emitNull = new double[longest];
                nullSlots = new int[longest];
                scale = new double[longest];
                sums = new double[longest];
                weights = new double[longest];
            }
        }
    }

    // the product of the two directions' posteriors of each link, into both lattices' posteriors
    private static void agree(Lattice forward, Lattice reverse) {
        int m = forward.m; // target words (generated by the forward model)
        int n = forward.n; // source words
        for (int t = 0; t < m; t++) {
            for (int s = 0; s < n; s++) {
                double q = forward.posterior[t * n + s] * reverse.posterior[s * m + t];
                forward.posterior[t * n + s] = q;
                reverse.posterior[s * m + t] = q;
            }
        }
    }

    /**
     * Fills {@code lattice} with one pair's link posteriors by forward-backward and, when {@code jumpCounts} is not
     * null, adds the expected jump counts; returns the pair's log-likelihood.
     */
    double posteriors(int[] source, int[] target, Lattice lattice, double[] jumpCounts) {
        int[] e = sourceConditions ? source : target;
        int[] f = sourceConditions ? target : source;
        int n = e.length;
        int m = f.length;
        lattice.fit(m, n);
        double p0 = settings.nullProbability();
        double[] emit = lattice.emit;
        double[] emitNull = lattice.emitNull;
        int[] slots = lattice.slots;
        for (int i = 0; i < m; i++) {
            int nullSlot = table.slot(0, f[i]);
            lattice.nullSlots[i] = nullSlot;
            emitNull[i] = nullSlot < 0 ? 1e-9 : Math.max(1e-9, probabilities[nullSlot]);
            for (int j = 0; j < n; j++) {
                int slot = table.slot(e[j], f[i]);
                slots[i * n + j] = slot;
                emit[i * n + j] = slot < 0 ? 1e-9 : Math.max(1e-9, probabilities[slot]);
            }
        }
        double[] a = lattice.transition;
        int k = settings.maxJump();
        for (int from = -1; from < n; from++) {
            double z = 0;
            int row = (from + 1) * n;
            for (int to = 0; to < n; to++) {
                double p = jumps[bucket(to - from, k)];
                a[row + to] = p;
                z += p;
            }
            double norm = (1 - p0) / z;
            for (int to = 0; to < n; to++) {
                a[row + to] *= norm;
            }
        }
        // forward: alpha[i][j] real position j, alpha[i][n + j] the empty word after position j
        double[] alpha = lattice.alpha;
        double[] scale = lattice.scale;
        double[] s = lattice.sums;
        double c = 0;
        for (int j = 0; j < n; j++) {
            double real = a[j] * emit[j];
            double empty = p0 * (a[j] / (1 - p0)) * emitNull[0];
            alpha[j] = real;
            alpha[n + j] = empty;
            c += real + empty;
        }
        scale[0] = c;
        for (int j = 0; j < 2 * n; j++) {
            alpha[j] /= c;
        }
        for (int i = 1; i < m; i++) {
            int previous = (i - 1) * 2 * n;
            int here = i * 2 * n;
            for (int j = 0; j < n; j++) {
                s[j] = alpha[previous + j] + alpha[previous + n + j];
            }
            c = 0;
            for (int to = 0; to < n; to++) {
                double sum = 0;
                for (int from = 0; from < n; from++) {
                    sum += s[from] * a[(from + 1) * n + to];
                }
                double v = sum * emit[i * n + to];
                alpha[here + to] = v;
                c += v;
            }
            double stay = p0 * emitNull[i];
            for (int j = 0; j < n; j++) {
                double v = s[j] * stay;
                alpha[here + n + j] = v;
                c += v;
            }
            scale[i] = c;
            double inverse = 1 / c;
            for (int j = 0; j < 2 * n; j++) {
                alpha[here + j] *= inverse;
            }
        }
        // backward: a position and the empty word remembering it continue alike, so they share beta
        double[] beta = lattice.beta;
        double[] w = lattice.weights;
        Arrays.fill(beta, (m - 1) * n, m * n, 1.0);
        for (int i = m - 2; i >= 0; i--) {
            int next = (i + 1) * n;
            double inverse = 1 / scale[i + 1];
            for (int to = 0; to < n; to++) {
                w[to] = emit[next + to] * beta[next + to] * inverse;
            }
            double stay = p0 * emitNull[i + 1] * inverse;
            for (int from = 0; from < n; from++) {
                int row = (from + 1) * n;
                double sum = 0;
                for (int to = 0; to < n; to++) {
                    sum += a[row + to] * w[to];
                }
                beta[i * n + from] = sum + stay * beta[next + from];
            }
            if (jumpCounts != null) {
                // expected jumps into step i + 1: s(from) · a(from, to) · emit · beta / scale
                int previous = i * 2 * n;
                for (int from = 0; from < n; from++) {
                    double sf = alpha[previous + from] + alpha[previous + n + from];
                    if (sf < 1e-12) {
                        continue;
                    }
                    int row = (from + 1) * n;
                    for (int to = 0; to < n; to++) {
                        jumpCounts[bucket(to - from, k)] += sf * a[row + to] * w[to];
                    }
                }
            }
        }
        double[] posterior = lattice.posterior;
        for (int i = 0; i < m; i++) {
            int here = i * 2 * n;
            for (int j = 0; j < n; j++) {
                posterior[i * n + j] = alpha[here + j] * beta[i * n + j];
            }
        }
        if (jumpCounts != null) {
            for (int j = 0; j < n; j++) {
                jumpCounts[bucket(j + 1, k)] += posterior[j];
            }
        }
        double logLikelihood = 0;
        for (int i = 0; i < m; i++) {
            logLikelihood += Math.log(scale[i]);
        }
        return logLikelihood;
    }

    // the lattice's link posteriors as lexical counts, at the slots posteriors() looked up; the rest of each word's
    // mass goes to the empty word
    private static void count(Lattice lattice, double[] counts) {
        int n = lattice.n;
        for (int i = 0; i < lattice.m; i++) {
            double linked = 0;
            for (int j = 0; j < n; j++) {
                double q = lattice.posterior[i * n + j];
                int slot = lattice.slots[i * n + j];
                if (slot >= 0) {
                    counts[slot] += q;
                }
                linked += q;
            }
            int nullSlot = lattice.nullSlots[i];
            if (nullSlot >= 0) {
                counts[nullSlot] += Math.max(0, 1 - linked);
            }
        }
    }

    private void maximize(double[][] lexical, double[][] jumpCounts, int conditioningWords) {
        LexicalTable.maximize(table, probabilities, lexical, conditioningWords, settings.variationalAlpha());
        double sum = 0;
        for (int d = 0; d < jumps.length; d++) {
            double c = 0;
            for (double[] slice : jumpCounts) {
                c += slice[d];
            }
            jumps[d] = c + 1e-3;
            sum += jumps[d];
        }
        for (int d = 0; d < jumps.length; d++) {
            jumps[d] /= sum;
        }
    }

    /**
     * Posterior decoding of both directions, each on its own: a word gets its most probable partner if that link's
     * posterior reaches the threshold. (The product of the two directions' posteriors, as Liang et al. decode, measured
     * no better on the Hansards trial pairs and leaves nothing for the symmetrization heuristics to do.)
     */
    static DirectionalAligner both(HiddenMarkovModel forward, HiddenMarkovModel reverse) {
        double threshold = forward.settings.threshold();
        return (source, target) -> {
            int n = source.length;
            int m = target.length;
            int[] f = new int[m];
            int[] r = new int[n];
            Arrays.fill(f, -1);
            Arrays.fill(r, -1);
            if (n > 0 && m > 0) {
                Lattice lattice = new Lattice();
                forward.posteriors(source, target, lattice, null);
                best(lattice, f, threshold);
                reverse.posteriors(source, target, lattice, null);
                best(lattice, r, threshold);
            }
            return new int[][] {f, r};
        };
    }

    // for each generated word, the position whose posterior is the largest and reaches the threshold
    private static void best(Lattice lattice, int[] best, double threshold) {
        int n = lattice.n;
        for (int i = 0; i < lattice.m; i++) {
            double top = threshold;
            for (int j = 0; j < n; j++) {
                double p = lattice.posterior[i * n + j];
                if (p >= top) {
                    top = p;
                    best[i] = j;
                }
            }
        }
    }

    // the index in jumps of a jump d: d clamped to [−k, k], shifted by k
    private static int bucket(int d, int k) {
        return Math.max(-k, Math.min(k, d)) + k;
    }

    /** p(jump d) for d in [−maxJump, maxJump], the extremes standing for every longer jump. */
    double[] jumps() {
        return jumps.clone();
    }
}
