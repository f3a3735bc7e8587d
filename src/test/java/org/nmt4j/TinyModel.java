package org.nmt4j;

import java.nio.file.Path;

/** A model folder trained once per test run with configs/tiny.yaml (a few seconds), for translator and CLI tests. */
public final class TinyModel {

    private static Path folder;

    private TinyModel() {
    }

    public static synchronized Path folder() {
        if (folder == null) {
            folder = TrainedModel.train("configs/tiny.yaml", "tiny", "training.max_steps=30", "validation.every_steps=0");
        }
        return folder;
    }
}
