package org.nmt4j;

import java.nio.file.Path;

/**
 * The quickstart's model, trained once per test run for 150 steps (about 20 seconds; it already translates data/'s
 * validation sentences at 99 BLEU): for tests that compare translations, where the untrained {@link TinyModel}'s
 * near-tied scores let float rounding decide.
 */
public final class QuickstartModel {

    private static Path folder;

    private QuickstartModel() {
    }

    public static synchronized Path folder() {
        if (folder == null) {
            folder = TrainedModel.train("configs/quickstart.yaml", "quickstart", "training.max_steps=150",
                    "training.max_minutes=0", "validation.max_sentences=20");
        }
        return folder;
    }
}
