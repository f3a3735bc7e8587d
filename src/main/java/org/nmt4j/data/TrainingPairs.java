package org.nmt4j.data;

import java.util.List;

/**
 * The training pairs as ids, by index (no {@code <s>}/{@code </s>}): what batching and the trainer read. A
 * {@link BinarizedCorpus} on disk holds any number of them; {@link #of} wraps a list in memory.
 */
public interface TrainingPairs {

    /** The number of pairs. */
    int size();

    int sourceLength(int pair);

    int targetLength(int pair);

    int[] source(int pair);

    int[] target(int pair);

    /** The corpora the pairs came from, in order, each a range of indices (a single corpus is one part). */
    List<Part> parts();

    /** The links guiding a pair's attention, {@code [s, t, ...]} over its pieces; null without guided alignment. */
    default int[] links(int pair) {
        return null;
    }

    /** These pairs with the links of a {@link GuideFile}. */
    default TrainingPairs guidedBy(GuideFile.Reader guide) {
        TrainingPairs pairs = this;
        return new TrainingPairs() {
            @Override
            public int size() {
                return pairs.size();
            }

            @Override
            public int sourceLength(int pair) {
                return pairs.sourceLength(pair);
            }

            @Override
            public int targetLength(int pair) {
                return pairs.targetLength(pair);
            }

            @Override
            public int[] source(int pair) {
                return pairs.source(pair);
            }

            @Override
            public int[] target(int pair) {
                return pairs.target(pair);
            }

            @Override
            public List<Part> parts() {
                return pairs.parts();
            }

            @Override
            public int[] links(int pair) {
                return guide.links(pair);
            }
        };
    }

    /** One training corpus among the pairs: {@code count} pairs from index {@code start}. */
    record Part(String name, int start, int count) {
    }

    /** Pairs held in memory, one part. */
    static TrainingPairs of(List<EncodedPair> pairs) {
        return new TrainingPairs() {
            @Override
            public int size() {
                return pairs.size();
            }

            @Override
            public int sourceLength(int pair) {
                return pairs.get(pair).source().length;
            }

            @Override
            public int targetLength(int pair) {
                return pairs.get(pair).target().length;
            }

            @Override
            public int[] source(int pair) {
                return pairs.get(pair).source();
            }

            @Override
            public int[] target(int pair) {
                return pairs.get(pair).target();
            }

            @Override
            public List<Part> parts() {
                return List.of(new Part("train", 0, pairs.size()));
            }
        };
    }
}
