/**
 * The model as training computes it: stateless layers over named views of one flat parameter buffer
 * ({@code Parameters}), each with a forward pass returning a result record and a hand-written backward pass checked
 * against finite differences; {@code NmtModel} puts them together. The variants are registered, not switched on:
 * {@code AttentionKinds} (scores) and {@code CellKinds} (recurrent cells) name, for each variant, its parameters, its
 * training class and its search class, so a new variant is its classes plus one registration.
 *
 * <p>May use: {@code config}, {@code text} (vocabulary sizes), {@code compute}, {@code io}; {@code model.search}
 * only in the registries, which name each variant's search class.
 */
package org.nmt4j.model;
