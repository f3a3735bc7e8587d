package org.nmt4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nmt4j.compute.NativeThreads;

/**
 * A partition's rows read a chunk at a time, the chunk's new columns computed together (sorted by length into
 * batches inside the model) and the rows emitted in their input order with the new columns appended: a task's
 * memory holds one chunk, whatever the partition's size.
 */
abstract class ChunkedPartition implements MapPartitionsFunction<Row, Row> {

    /** A partition whose first attempt fails halfway (test hook: a task retried by Spark); -1: none. */
    static volatile int failFirstAttemptOfPartition = -1;
    /** How many tasks the hook has failed. */
    static final java.util.concurrent.atomic.AtomicInteger injectedFailures = new java.util.concurrent.atomic.AtomicInteger();

    private final int chunk;

    ChunkedPartition(int chunk) {
        this.chunk = chunk;
    }

    /** The new columns' values for each row of a chunk, in order. */
    abstract List<List<Object>> compute(List<Row> rows);

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        NativeThreads.apply(); // the task's thread: ND4J and BLAS single-threaded, like every nmt4j thread
        TaskContext task = TaskContext.get();
        boolean failHalfway = task != null && task.attemptNumber() == 0
                && task.partitionId() == failFirstAttemptOfPartition;
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private int next;
            private long emitted;

            @Override
            public boolean hasNext() {
                if (next == out.size()) {
                    fill();
                }
                return next < out.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (failHalfway && ++emitted > out.size() / 2) {
                    injectedFailures.incrementAndGet();
                    throw new IllegalStateException("nmt4j test hook: partition " + task.partitionId()
                            + " fails on its first attempt");
                }
                return out.get(next++);
            }

            private void fill() {
                out.clear();
                next = 0;
                List<Row> rows = new ArrayList<>(chunk);
                while (rows.size() < chunk && input.hasNext()) {
                    rows.add(input.next());
                }
                if (rows.isEmpty()) {
                    return;
                }
                List<List<Object>> added = compute(rows);
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    Object[] values = new Object[row.length() + added.get(i).size()];
                    for (int c = 0; c < row.length(); c++) {
                        values[c] = row.get(c);
                    }
                    for (int c = 0; c < added.get(i).size(); c++) {
                        values[row.length() + c] = added.get(i).get(c);
                    }
                    out.add(RowFactory.create(values));
                }
            }
        };
    }
}
