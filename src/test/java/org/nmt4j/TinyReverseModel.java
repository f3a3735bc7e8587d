package org.nmt4j;

import java.nio.file.Path;

/** The tiny model's English→German counterpart, trained once per test run, for two-direction alignment tests. */
public final class TinyReverseModel {

    private static Path folder;

    private TinyReverseModel() {
    }

    public static synchronized Path folder() {
        if (folder == null) {
            folder = TrainedModel.train("configs/tiny.yaml", "tiny-reverse", "training.max_steps=30",
                    "validation.every_steps=0", "data.train_source=data/train.en", "data.train_target=data/train.de",
                    "data.valid_source=data/valid.en", "data.valid_target=data/valid.de",
                    "preprocessing.source_language=en", "preprocessing.target_language=de");
        }
        return folder;
    }
}
