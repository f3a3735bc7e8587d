package org.nmt4j.data;

import java.io.IOException;

/**
 * A corpus's pairs as token type ids (one id per distinct token of a side, from 0), read in order, any number of
 * times.
 */
public interface TokenPairs {

    /** One pair's token ids. */
    interface Consumer {
        void accept(int[] source, int[] target) throws IOException;
    }

    /** Calls the consumer with every pair, in the corpus's order. */
    void forEach(Consumer consumer) throws IOException;
}
