/**
 * Data-parallel training by parameter averaging: a {@link org.nmt4j.train.BatchRunner} whose rounds run on Spark
 * tasks, around {@code nmt4j train}'s own {@link org.nmt4j.train.Trainer}.
 *
 * <p>May use: {@code io}, {@code compute}, {@code config}, {@code text} (vocabulary sizes), {@code model},
 * {@code train}.
 */
package org.nmt4j.spark.train;
