/**
 * nmt4j on Apache Spark: translation and forced alignment of a Dataset's columns ({@link org.nmt4j.spark.NmtSpark})
 * with the model broadcast and loaded once per executor, and corpora on Hadoop file systems in line order
 * ({@link org.nmt4j.spark.SparkCorpora}). May use everything but {@code serve} and {@code cli}.
 */
package org.nmt4j.spark;
