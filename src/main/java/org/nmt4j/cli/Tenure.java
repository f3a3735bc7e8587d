package org.nmt4j.cli;

/**
 * One full collection once a model has loaded, for the commands that translate with the launcher's fixed young
 * generation (scripts/nmt4j). Loading makes the model's long-lived arrays (its weights' Java copies and search's token
 * tables: about 60 MB for the reference model) in the young generation; there they would fill the survivor spaces
 * for the 15 collections they take to age, and everything else alive at those collections (the first batches' search
 * arrays) would overflow into the old generation, where it stays as garbage until that fills: 20 to 70 MB more
 * resident memory, depending on how the collections fall. Collected at once, they are moved to the old generation
 * together and nothing else goes with them (about 50 ms).
 */
public final class Tenure {

    private Tenure() {
    }

    /** What was loaded, after a full collection. */
    public static <T> T afterLoading(T loaded) {
        System.gc();
        return loaded;
    }
}
