/**
 * The model as training computes it: stateless layers over named views of one flat parameter buffer
 * ({@code Parameters}), each with a forward pass returning a result record and a hand-written backward pass checked
 * against finite differences; {@code NmtModel} puts them together. The variants are registered, not switched on,
 * each family in a room of its own: {@code model.attention} (scores, {@code AttentionKinds}) and {@code model.cell}
 * (recurrent cells, {@code CellKinds}); this package holds the interfaces a variant implements
 * ({@code AttentionKind}, {@code AttentionScore}, {@code CellKind}, {@code RecurrentCell}).
 *
 * <p>May use: {@code config}, {@code text} (vocabulary sizes), {@code compute}, {@code io};
 * {@code model.attention} and {@code model.cell} through their registries (and the attention's local window);
 * {@code model.search} only in the variant interfaces, which name each variant's search half.
 */
package org.nmt4j.model;
