/**
 * {@code nmt4j serve}: the HTTP server around {@code translate.Translator}. {@code TranslationServer} holds the routes
 * (Jetty 12's core handler API, JSON by Jackson), {@code ModelRunner} the dynamic batching of one model (a bounded
 * {@code JobQueue} of sentences, workers that each run two schedulers, {@code StaticBatches} and
 * {@code RunningGreedy}, recorded by {@code BatchMetrics}), {@code TranslateApi} and {@code OpenNmtApi} the
 * two request and response shapes, {@code AlignmentJson} the alignment fields and exports (the command line's
 * exporters), {@code Metrics} the Prometheus counters, and {@code ApiError} the error every route answers with.
 *
 * <p>May use: {@code translate}, {@code align}, {@code align.lexical} (symmetrization heuristics), {@code markup}
 * (the {@code markup} option), {@code config}, {@code model.io}, {@code compute}, {@code text}, {@code io}.
 */
package org.nmt4j.serve;
