package org.nmt4j.spark.train;

import java.io.Serializable;

/**
 * What every worker of a distributed training needs to build the model it trains: the driver's effective config
 * (YAML) and the vocabulary sizes. Broadcast once per training.
 */
record TrainingJob(String configYaml, int sourceVocabularySize, int targetVocabularySize) implements Serializable {

    /** A key for the models an executor keeps for this training. */
    String key() {
        return Integer.toHexString(configYaml.hashCode()) + "-" + sourceVocabularySize + "-" + targetVocabularySize;
    }
}
