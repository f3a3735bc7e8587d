/**
 * Parallel corpora: aligned files (plain or gzip, strict UTF-8) and TSV/CSV, filtering with a report, pairs encoded
 * to ids, batching by sentences or tokens.
 *
 * <p>May use: {@code text}, {@code io}.
 */
package org.nmt4j.data;
