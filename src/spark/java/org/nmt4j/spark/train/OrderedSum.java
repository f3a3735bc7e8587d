package org.nmt4j.spark.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.api.java.JavaPairRDD;

import scala.Tuple2;

/**
 * The sum of a round's results in a fixed order, whatever order the tasks finish in: pairs by task index, level by
 * level ({@code (r0 + r1) + (r2 + r3)}, ...), each level one shuffle, so no JVM ever holds more than two results.
 * Spark's own {@code treeReduce} adds results in the order they arrive, which with more than two workers changes the
 * float rounding from run to run; this keeps a training reproducible for any number of workers.
 */
final class OrderedSum {

    private OrderedSum() {
    }

    /** The sum of the results of {@code count} tasks, keyed by task index 0 … count − 1. */
    static RoundSum of(JavaPairRDD<Integer, RoundSum> results, int count) {
        JavaPairRDD<Integer, RoundSum> level = results;
        int n = count;
        while (n > 2) {
            int next = (n + 1) / 2;
            level = level.mapToPair(p -> new Tuple2<>(p._1() / 2, p)).groupByKey(next)
                    .mapToPair(group -> new Tuple2<>(group._1(), inOrder(group._2())));
            n = next;
        }
        List<Tuple2<Integer, RoundSum>> last = new ArrayList<>(level.collect());
        last.sort(Comparator.comparing(Tuple2::_1));
        RoundSum sum = last.get(0)._2();
        for (int i = 1; i < last.size(); i++) {
            sum = sum.plus(last.get(i)._2());
        }
        return sum;
    }

    // the results of one pair, the lower index first
    private static RoundSum inOrder(Iterable<Tuple2<Integer, RoundSum>> pair) {
        List<Tuple2<Integer, RoundSum>> sorted = new ArrayList<>();
        pair.forEach(sorted::add);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        RoundSum sum = sorted.get(0)._2();
        for (int i = 1; i < sorted.size(); i++) {
            sum = sum.plus(sorted.get(i)._2());
        }
        return sum;
    }
}
