package org.nmt4j.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the links of guided alignment come from: a file of links the user made, or an aligner run over the corpus's
 * tokens while it is prepared. The links are over the tokens of the tokenized text (as {@code nmt4j tokenize} writes
 * them); preparation maps them onto the pieces of the prepared pairs.
 */
public interface Guidance {

    /** What the links depend on besides the corpus (a file's path, size and time; an aligner's settings). */
    String identity() throws IOException;

    /**
     * The token-level links of every pair in the corpus's order. {@code tokens} gives the pairs as token ids (what an
     * aligner reads); {@code folder} is where files the links are made into may stay.
     */
    PharaohLinks open(TokenPairs tokens, Path folder, java.util.function.Consumer<String> progress)
            throws IOException;
}
