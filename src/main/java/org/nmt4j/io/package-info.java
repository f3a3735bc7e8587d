/**
 * Files and errors, below everything else: strict UTF-8 line reading of plain, gzipped and piped files
 * ({@code Utf8LineReader}), atomic writes ({@code AtomicFile}), line plots as PNG ({@code LinePlot}), and the one-line
 * error a user sees ({@code UserError}).
 *
 * <p>May use: nothing in nmt4j.
 */
package org.nmt4j.io;
