/**
 * {@code nmt4j bench train|translate|serve}: benchmarks that run the library's own entry points ({@code bench train}
 * a {@code Trainer}, {@code bench translate} a {@code Translator}, {@code bench serve} a server under the load of
 * {@code serve.LoadGenerator}) and print figures; the JIT warm-up and resident-memory readings they share.
 *
 * <p>May use: {@code cli} (the shared options), {@code io}, {@code compute}, {@code text}, {@code data},
 * {@code eval}, {@code config}, {@code translate}, {@code align}, {@code train}, {@code serve}.
 */
package org.nmt4j.cli.bench;
