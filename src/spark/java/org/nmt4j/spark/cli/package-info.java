/**
 * {@code nmt4j spark translate|align|train}: picocli commands that parse their options and call {@code org.nmt4j.spark}.
 *
 * <p>May use: {@code io}, {@code config}, {@code cli} (the shared options), {@code train}, {@code spark},
 * {@code spark.train}.
 */
package org.nmt4j.spark.cli;
