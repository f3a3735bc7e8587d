/**
 * nmt4j on Apache Spark: translation and forced alignment of a Dataset's columns ({@link org.nmt4j.spark.NmtSpark})
 * with the model broadcast and loaded once per executor, and corpora on Hadoop file systems in line order
 * ({@link org.nmt4j.spark.SparkCorpora}).
 *
 * <p>May use: {@code io}, {@code compute}, {@code config}, {@code model.io}, {@code translate}, {@code align},
 * {@code align.lexical}, {@code markup} (the markup option), {@code spark.cli} (the main class runs its commands).
 */
package org.nmt4j.spark;
