package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nmt4j.TinyModel;

/** Sentences joining and leaving a running batch are searched as each would be alone. */
class ContinuousGreedyTest {

    private static final String[] LINES = {"Der Mann liest das Buch.", "Heute isst die Katze einen Apfel.",
        "Ich glaube, dass der Hund den Ball sucht.", "Die Frau hat das Auto gewaschen.", "Der Hund",
        "Ein kleines Mädchen klettert in ein Spielhaus aus Holz.", "Zwei Männer", "Das Kind spielt im Park."};

    private final Translator translator = Translator.load(TinyModel.folder());

    private int[] ids(String line) {
        return translator.sourceVocabulary().encode(translator.sourcePieces(line));
    }

    @Test
    void sentencesThatJoinBetweenStepsGetTheHypothesesTheyGetAlone() {
        Scorer scorer = translator.scorer();
        ContinuousGreedy<Integer> running = new ContinuousGreedy<>(scorer, 1.0);
        Map<Integer, Hypothesis> found = new HashMap<>();
        int next = 0;
        int steps = 0;
        int[] joinAt = {0, 0, 0, 2, 3, 3, 7, 9}; // the step before which sentence i joins
        int limit = 12; // short limits: some sentences are cut, some end, at different steps
        int most = 0;
        while (next < LINES.length || running.size() > 0) {
            List<int[]> sources = new ArrayList<>();
            List<Integer> tags = new ArrayList<>();
            while (next < LINES.length && joinAt[next] <= steps) {
                sources.add(ids(LINES[next]));
                tags.add(next++);
            }
            int[] limits = new int[sources.size()];
            java.util.Arrays.fill(limits, limit);
            running.add(sources, limits, tags);
            most = Math.max(most, running.size());
            for (ContinuousGreedy.Finished<Integer> f : running.step()) {
                found.put(f.tag(), f.hypothesis());
            }
            steps++;
        }
        assertEquals(LINES.length, found.size());
        assertTrue(most >= 4, "sentences ran together: " + most);
        for (int i = 0; i < LINES.length; i++) {
            Hypothesis alone = GreedySearch.search(scorer, List.of(ids(LINES[i])), new int[] {limit}, 1.0).get(0);
            Hypothesis joined = found.get(i);
            assertArrayEquals(alone.tokens(), joined.tokens(), "sentence " + i);
            assertEquals(alone.ended(), joined.ended(), "sentence " + i);
            assertEquals(alone.score(), joined.score(), 1e-5, "sentence " + i);
            assertEquals(alone.attention().length, joined.attention().length, "sentence " + i);
            for (int t = 0; t < alone.attention().length; t++) {
                assertArrayEquals(alone.attention()[t], joined.attention()[t], 1e-5f, "sentence " + i + " step " + t);
            }
        }
    }

    @Test
    void aRunningBatchScoresTheShortlistOfTheSentencesInItNow() {
        int sources = translator.sourceVocabulary().size();
        int targets = translator.targetVocabulary().size();
        int[][] candidates = new int[sources][];
        for (int s = 0; s < sources; s++) {
            candidates[s] = new int[] {4 + s % (targets - 4)}; // one candidate each: sentences differ
        }
        Shortlist list = new Shortlist(candidates, new float[sources][1], new int[] {0, 1, 2, 3}, targets);
        ModelScorer scorer = (ModelScorer) translator.scorer().withShortlist(list);
        int[] a0 = ids(LINES[0]);
        int[] a1 = ids(LINES[1]);
        int[] b0 = ids(LINES[5]);
        ModelScorer.ModelState a = scorer.start(org.nmt4j.model.Batch.sources(List.of(a0, a1)));
        ModelScorer.ModelState b = scorer.start(org.nmt4j.model.Batch.sources(List.of(b0)));
        // sentence 0 left; sentence 1 stays (row 1, group 1) and b's joins
        ModelScorer.ModelState joined = scorer.join(a, new int[] {1}, new int[] {1}, b);
        int[] present = java.util.stream.IntStream.concat(java.util.stream.IntStream.concat(
                java.util.Arrays.stream(a1), java.util.Arrays.stream(b0)),
                java.util.stream.IntStream.of(org.nmt4j.text.Vocabulary.EOS_ID)).toArray(); // the batch adds </s>
        assertArrayEquals(list.tokensFor(present), joined.columns().tokens());
        // a token only the sentence that left had is no longer scored
        java.util.Set<Integer> now = java.util.Arrays.stream(joined.columns().tokens()).boxed()
                .collect(java.util.stream.Collectors.toSet());
        assertTrue(java.util.Arrays.stream(list.tokensFor(a0)).anyMatch(t -> !now.contains(t)));
        assertTrue(java.util.Arrays.stream(a.columns().tokens()).anyMatch(t -> !now.contains(t)));
    }

    @Test
    void anEnsembleAndAShortlistJoinToo() {
        Translator two = Translator.ensemble(List.of(translator, Translator.load(TinyModel.folder())), null);
        // a shortlist whose every source piece allows every target piece: the joined batch's columns are the union of
        // the joining ones', and the search is the whole vocabulary's
        int sources = translator.sourceVocabulary().size();
        int targets = translator.targetVocabulary().size();
        int[][] candidates = new int[sources][];
        float[][] probabilities = new float[sources][];
        for (int s = 0; s < sources; s++) {
            candidates[s] = java.util.stream.IntStream.range(4 + s % 3, targets).toArray();
            probabilities[s] = new float[candidates[s].length];
        }
        Shortlist all = new Shortlist(candidates, probabilities, new int[] {0, 1, 2, 3}, targets);
        for (Scorer scorer : List.of(two.scorer(), translator.scorer().withShortlist(all))) {
            ContinuousGreedy<Integer> running = new ContinuousGreedy<>(scorer, 1.0);
            Map<Integer, Hypothesis> found = new HashMap<>();
            running.add(List.of(ids(LINES[2]), ids(LINES[4])), new int[] {20, 20}, List.of(2, 4));
            running.step().forEach(f -> found.put(f.tag(), f.hypothesis()));
            running.add(List.of(ids(LINES[5])), new int[] {20}, List.of(5));
            while (running.size() > 0) {
                running.step().forEach(f -> found.put(f.tag(), f.hypothesis()));
            }
            for (int i : new int[] {2, 4, 5}) {
                Hypothesis alone = GreedySearch.search(scorer, List.of(ids(LINES[i])), new int[] {20}, 1.0).get(0);
                assertArrayEquals(alone.tokens(), found.get(i).tokens(), "sentence " + i);
                assertEquals(alone.score(), found.get(i).score(), 1e-5, "sentence " + i);
            }
        }
    }
}
