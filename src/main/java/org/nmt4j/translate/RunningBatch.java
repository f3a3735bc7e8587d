package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * A running greedy batch of a {@link Translator}, for a server's worker (continuous batching; see
 * {@link ContinuousGreedy}): sentences, as {@link Translator#sourcePieces}, join between steps, and each comes out as
 * its translation when it ends, as {@link Translator#translatePieces} would give it with a beam of 1. One per thread;
 * made by {@link Translator#running()}.
 *
 * @param <T> what the caller tags each sentence with
 */
public final class RunningBatch<T> {

    /** A sentence's tag and its translation. */
    public record Done<T>(T tag, Translation translation) {
    }

    // a sentence in the batch: its tag, the pieces searched (with </s>) and their ids (without), the pieces cropped off
    private record Entry<T>(T tag, List<String> sourcePieces, int[] ids, int cropped) {
    }

    private final Translator translator;
    private final TranslationOutput output;
    private final ContinuousGreedy<Entry<T>> search;

    RunningBatch(Translator translator, TranslationOutput output) {
        this.translator = translator;
        this.output = output;
        this.search = new ContinuousGreedy<>(translator.scorer(), translator.decoding().lengthPenalty());
    }

    /** The sentences in the batch. */
    public int size() {
        return search.size();
    }

    /**
     * Adds sentences (each cropped to {@code decoding.max_source_length} pieces); the empty ones are done at once and
     * returned.
     */
    public List<Done<T>> add(List<List<String>> pieces, List<T> tags) {
        List<Done<T>> done = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        List<Entry<T>> entries = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            List<String> whole = pieces.get(i);
            if (whole.isEmpty()) {
                done.add(new Done<>(tags.get(i), Translation.empty()));
                continue;
            }
            List<String> read = translator.read(whole);
            int[] encoded = translator.sourceVocabulary().encode(read);
            ids.add(encoded);
            entries.add(new Entry<>(tags.get(i), TranslationOutput.withEnd(read), encoded,
                    whole.size() - read.size()));
        }
        int[] limits = entries.stream().mapToInt(e -> translator.decoding().maxLength(e.sourcePieces().size() - 1))
                .toArray();
        search.add(ids, limits, entries);
        return done;
    }

    /** One step of every sentence in the batch; the translations of those that ended at it. */
    public List<Done<T>> step() {
        List<Done<T>> done = new ArrayList<>();
        List<ContinuousGreedy.Finished<Entry<T>>> finished = search.step();
        List<Hypothesis> aligned = output.alignedByHead(finished.stream().map(f -> f.hypothesis()).toList(),
                finished.stream().map(f -> f.tag().ids()).toList());
        for (int k = 0; k < finished.size(); k++) {
            Entry<T> entry = finished.get(k).tag();
            Translation t = output.translation(aligned.get(k), entry.sourcePieces());
            done.add(new Done<>(entry.tag(), entry.cropped() > 0 ? t.withCropped(entry.cropped()) : t));
        }
        return done;
    }
}
