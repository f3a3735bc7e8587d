/**
 * The attention scores, one room for every variant: each score's training half ({@code AdditiveScore},
 * {@code DotScore}, {@code ScaledDotScore}, with a hand-written backward pass), its search half
 * ({@code AdditiveSearchScore}, {@code DotSearchScore}, {@code ScaledDotSearchScore}), the registry that names them
 * ({@code AttentionKinds}: parameters, fan-in, both halves) and the local window around any score
 * ({@code LocalWindow}). A new score is two classes here and one registration in {@code AttentionKinds}. The rest of
 * the model reaches this package only through {@code AttentionKinds} and {@code LocalWindow} (a test checks it).
 *
 * <p>May use: {@code model} (the interfaces a score implements, parameters, the encoder's memory),
 * {@code model.search} (the search-side interfaces and memory), {@code compute}.
 */
package org.nmt4j.model.attention;
