package org.nmt4j.align.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forward-backward against the model's definition: every path of hidden states enumerated, their probabilities
 * summed, for the pair's likelihood, each link's posterior and the expected jumps.
 */
class HiddenMarkovModelTest {

    @TempDir
    Path dir;

    @Test
    void forwardBackwardEqualsEnumeratingEveryPath() throws IOException {
        Files.write(dir.resolve("s"), List.of("a b c", "b c a d", "c a", "a d b c", "d d a"));
        Files.write(dir.resolve("t"), List.of("x y z", "y z x w", "z x", "x w y z", "w w x"));
        HiddenMarkovModel.Settings settings = new HiddenMarkovModel.Settings(0, 0.2, 2, false, 0.5, 0);
        try (EncodedCorpus corpus = EncodedCorpus.encode(dir.resolve("s"), dir.resolve("t"), dir, n -> { })) {
            DiagonalModel forward = DiagonalModel.train(corpus, true, DiagonalModel.Settings.fastAlign(), 1, i -> { });
            DiagonalModel reverse = DiagonalModel.train(corpus, false, DiagonalModel.Settings.fastAlign(), 1,
                    i -> { });
            HiddenMarkovModel[] models = HiddenMarkovModel.train(corpus, forward, reverse, settings, 1, i -> { });
            // ids as the corpus encoded them: a=1 b=2 c=3 d=4 and x=1 y=2 z=3 w=4; a pair with a long jump
            int[] source = {4, 1, 2, 3};
            int[] target = {3, 1, 4, 2, 1};
            check(models[0], forward, source, target, source, target, settings);
            check(models[1], reverse, source, target, target, source, settings);
        }
    }

    // e: the conditioning side, f: the generated side
    private static void check(HiddenMarkovModel model, DiagonalModel start, int[] source, int[] target, int[] e,
            int[] f, HiddenMarkovModel.Settings settings) {
        int n = e.length;
        int m = f.length;
        double p0 = settings.nullProbability();
        int k = settings.maxJump();
        double[] jumps = model.jumps();
        double[][] emit = new double[m][n + 1]; // [i][n]: the empty word
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= n; j++) {
                int slot = start.table().slot(j == n ? 0 : e[j], f[i]);
                emit[i][j] = slot < 0 ? 1e-9 : Math.max(1e-9, start.probabilities()[slot]);
            }
        }
        double total = 0;
        double[][] linked = new double[m][n];
        double[] expectedJumps = new double[2 * k + 1];
        int states = 2 * n;
        int paths = (int) Math.pow(states, m);
        int[] path = new int[m];
        for (int p = 0; p < paths; p++) {
            int rest = p;
            for (int i = 0; i < m; i++) {
                path[i] = rest % states;
                rest /= states;
            }
            double probability = 1;
            int from = -1; // the position the next jump starts from
            for (int i = 0; i < m; i++) {
                int state = path[i];
                double z = 0;
                for (int j = 0; j < n; j++) {
                    z += jumps[Math.max(-k, Math.min(k, j - from)) + k];
                }
                if (state < n) {
                    probability *= (1 - p0) * jumps[Math.max(-k, Math.min(k, state - from)) + k] / z
                            * emit[i][state];
                    from = state;
                } else if (i == 0) {
                    // the first word's empty word remembers a position drawn like a first jump
                    int remembered = state - n;
                    probability *= p0 * jumps[Math.max(-k, Math.min(k, remembered + 1)) + k] / z * emit[i][n];
                    from = remembered;
                } else if (state - n == from) {
                    probability *= p0 * emit[i][n];
                } else {
                    probability = 0;
                    break;
                }
            }
            if (probability == 0) {
                continue;
            }
            total += probability;
            int previous = -1;
            for (int i = 0; i < m; i++) {
                int state = path[i];
                if (state < n) {
                    linked[i][state] += probability;
                    expectedJumps[Math.max(-k, Math.min(k, state - previous)) + k] += probability;
                    previous = state;
                } else {
                    previous = state - n;
                }
            }
        }
        HiddenMarkovModel.Lattice lattice = new HiddenMarkovModel.Lattice();
        double[] jumpCounts = new double[2 * k + 1];
        double logLikelihood = model.posteriors(source, target, lattice, jumpCounts);
        assertEquals(Math.log(total), logLikelihood, 1e-9);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(linked[i][j] / total, lattice.posterior[i * n + j], 1e-9, "link " + i + "-" + j);
            }
        }
        for (int d = 0; d < jumpCounts.length; d++) {
            assertEquals(expectedJumps[d] / total, jumpCounts[d], 1e-9, "jump " + (d - k));
        }
    }
}
