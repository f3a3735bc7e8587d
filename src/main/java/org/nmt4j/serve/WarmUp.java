package org.nmt4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.nmt4j.text.Vocabulary;

/**
 * Before a server says it is ready ({@code warm_up_ms}): each model's workers translate made-up sentences (pieces of
 * its source vocabulary, 3 to 40 long, fixed by a seed) through its queue, greedy and at its configured beam, in waves
 * of single-sentence requests, so the JIT compiler has compiled the search and the batching before the first real
 * request (without it, the first thousands of requests at 32 clients had a p99 eight times their median). Warm-up
 * sentences are not counted as requests and do not enter the cache; the batch histograms of {@code /metrics} include
 * them.
 */
final class WarmUp {

    private static final int GREEDY_PER_WAVE = 16;
    private static final int BEAM_PER_WAVE = 4;

    private WarmUp() {
    }

    /** Warms every model up for about {@code millis} in all; returns the sentences translated. */
    static int run(List<ModelRunner> runners, int millis) {
        int done = 0;
        for (int m = 0; m < runners.size(); m++) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis) / runners.size();
            done += warm(runners.get(m), until, m);
        }
        return done;
    }

    private static int warm(ModelRunner runner, long until, long seed) {
        Vocabulary vocabulary = runner.translator().sourceVocabulary();
        int specials = Vocabulary.SPECIALS.size();
        if (vocabulary.size() <= specials) {
            return 0;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int beam = runner.translator().decoding().beamSize();
        SearchOptions greedy = SearchOptions.defaults(1);
        SearchOptions beamed = SearchOptions.defaults(beam);
        int done = 0;
        while (System.nanoTime() < until) {
            List<Job> wave = new ArrayList<>();
            for (int i = 0; i < GREEDY_PER_WAVE + BEAM_PER_WAVE; i++) {
                List<String> pieces = new ArrayList<>();
                int length = 3 + random.nextInt(38);
                for (int k = 0; k < length; k++) {
                    pieces.add(vocabulary.token(specials + random.nextInt(vocabulary.size() - specials)));
                }
                SearchOptions options = i < GREEDY_PER_WAVE ? greedy : beamed;
                try {
                    wave.addAll(runner.submit(List.of(pieces), List.of(options), false));
                } catch (ApiError full) { // a queue smaller than a wave: send what fits
                    break;
                }
            }
            for (Job job : wave) {
                try {
                    job.result().get(Math.max(0, until - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30),
                            TimeUnit.NANOSECONDS);
                    done++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    runner.withdraw(wave);
                    return done;
                } catch (Exception e) { // a failed warm-up sentence: the log has it; requests will show it too
                    runner.withdraw(wave);
                    return done;
                }
            }
        }
        return done;
    }
}
