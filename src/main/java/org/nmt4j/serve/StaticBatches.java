package org.nmt4j.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

/**
 * The scheduler of batches searched whole: a batch's sentences are grouped by their search settings, each group
 * searched together (the translator sorts them by length) and each sentence's future completed with its n best. A
 * failure completes its group's futures exceptionally (500); the next group is searched.
 */
final class StaticBatches {

    private final String model;
    private final IntFunction<Translator> byBeam;
    private final ModelRunner.BatchSearch search;
    private final BatchMetrics metrics;

    StaticBatches(String model, IntFunction<Translator> byBeam, ModelRunner.BatchSearch search, BatchMetrics metrics) {
        this.model = model;
        this.byBeam = byBeam;
        this.search = search;
        this.metrics = metrics;
    }

    /** Searches these sentences and answers each. */
    void run(List<Job> batch) {
        metrics.started(batch);
        Map<Object, List<Job>> groups = new LinkedHashMap<>();
        batch.forEach(job -> groups.computeIfAbsent(job.options().searchKey(), k -> new ArrayList<>()).add(job));
        for (List<Job> group : groups.values()) {
            int beam = group.get(0).options().beamSize();
            int n = group.stream().mapToInt(job -> job.options().nBest()).max().orElse(1);
            try {
                Translator t = byBeam.apply(beam);
                if (group.get(0).options().terminology() != null) {
                    t = t.withTerminology(group.get(0).options().terminology());
                }
                long searching = System.nanoTime();
                long cpuStart = BatchMetrics.cpuNow();
                List<List<Translation>> found = search.search(t, group.stream().map(Job::pieces).toList(), n);
                metrics.searched(searching, cpuStart);
                for (int i = 0; i < group.size(); i++) {
                    List<Translation> nBest = found.get(i);
                    group.get(i).result().complete(nBest.subList(0, Math.min(group.get(i).options().nBest(),
                            nBest.size())));
                }
            } catch (Throwable e) { // a bug: this batch's requests get a 500, the next batch is served
                Job.failed(model, "a batch", group, e);
            }
        }
    }
}
