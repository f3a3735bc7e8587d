/**
 * Data-parallel training by parameter averaging: a {@link org.nmt4j.train.BatchRunner} whose rounds run on Spark
 * tasks, around {@code nmt4j train}'s own {@link org.nmt4j.train.Trainer}.
 */
package org.nmt4j.spark.train;
