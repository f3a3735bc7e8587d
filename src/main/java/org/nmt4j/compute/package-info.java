/**
 * Numeric kernels and threading, below everything else: the float activations that HotSpot vectorizes
 * ({@code Activations}, {@code SumExp}), bulk copies between Java arrays and ND4J ({@code FloatCopies}),
 * ND4J's broadcasts and reductions kept safe from the garbage collector ({@code NdOps}), per-thread
 * ND4J workspaces ({@code Scratch}), independent work on several threads ({@code ParallelWork}) and the thread policy
 * every entry point applies ({@code NativeThreads}: ND4J and BLAS single-threaded, nmt4j's own threads in parallel),
 * the model's matrix products in fp32 or bfloat16 ({@code Products}, {@code Precision}; bfloat16 through oneDNN in
 * {@code Bf16Products}; search's weights packed once in bfloat16 or int8, {@code PackedWeights}: {@code PackedBf16},
 * {@code PackedInt8}, a thread's primitives for them in {@code PackedPlans}) and the processor's instruction sets ({@code CpuFeatures}).
 *
 * <p>May use: ND4J and oneDNN only, nothing in nmt4j.
 */
package org.nmt4j.compute;
