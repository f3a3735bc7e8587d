/**
 * nmt4j as Spark ML pipeline stages: {@link org.nmt4j.spark.ml.NmtTranslator} (a transformer, and the model an
 * {@link org.nmt4j.spark.ml.NmtEstimator} fits), {@link org.nmt4j.spark.ml.NmtAligner}; their params are saved and
 * loaded with a {@code Pipeline}. They call {@link org.nmt4j.spark.NmtSpark} and
 * {@link org.nmt4j.spark.train.SparkTraining}.
 *
 * <p>May use: {@code io}, {@code config}, {@code train}, {@code spark}, {@code spark.train}.
 */
package org.nmt4j.spark.ml;
