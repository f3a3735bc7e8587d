/** {@code nmt4j spark translate|align|train}: picocli commands that parse their options and call {@code org.nmt4j.spark}. */
package org.nmt4j.spark.cli;
