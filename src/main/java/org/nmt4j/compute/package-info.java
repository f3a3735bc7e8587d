/**
 * Numeric kernels and threading, below everything else: the float activations that HotSpot vectorizes
 * ({@code Activations}, {@code SumExp}), bulk copies between Java arrays and ND4J ({@code FloatCopies}),
 * ND4J's broadcasts and reductions kept safe from the garbage collector ({@code NdOps}), per-thread
 * ND4J workspaces ({@code Scratch}), independent work on several threads ({@code ParallelWork}) and the thread policy
 * every entry point applies ({@code NativeThreads}: ND4J and BLAS single-threaded, nmt4j's own threads in parallel).
 *
 * <p>May use: ND4J only, nothing in nmt4j.
 */
package org.nmt4j.compute;
