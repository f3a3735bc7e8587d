package org.nmt4j.eval;

import java.util.List;

/** Checks that hypotheses and every reference set are aligned segment by segment. */
final class MetricInputs {

    private MetricInputs() {
    }

    static void check(List<String> hypotheses, List<List<String>> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("no references");
        }
        for (List<String> reference : references) {
            if (reference.size() != hypotheses.size()) {
                throw new IllegalArgumentException(hypotheses.size() + " hypotheses but " + reference.size()
                        + " references");
            }
        }
    }
}
