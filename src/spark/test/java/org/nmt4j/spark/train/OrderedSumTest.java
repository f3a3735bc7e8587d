package org.nmt4j.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nmt4j.spark.LocalSpark;

import scala.Tuple2;

class OrderedSumTest {

    private static RoundSum result(long seed) {
        Random random = new Random(seed);
        float[] parameters = new float[2000];
        float[] moments = new float[2000];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = (float) random.nextGaussian() * (1 + random.nextInt(1000));
            moments[i] = random.nextFloat() / (1 + random.nextInt(1000));
        }
        double[] losses = {random.nextDouble(), 0};
        return new RoundSum(parameters, moments, 1, losses, new long[] {seed, 0}, new double[] {1, 0});
    }

    private static RoundSum copy(RoundSum r) {
        return new RoundSum(r.parameters().clone(), r.moments().clone(), r.workers(), r.losses().clone(),
                r.tokens().clone(), r.norms().clone());
    }

    /** Five workers: ((r0 + r1) + (r2 + r3)) + r4 every time, whichever task finishes first. */
    @Test
    void theSumIsAddedInTaskOrderAndTheSameOnEveryRun() {
        List<RoundSum> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(result(i + 1));
        }
        RoundSum expected = copy(results.get(0)).plus(copy(results.get(1)))
                .plus(copy(results.get(2)).plus(copy(results.get(3)))).plus(copy(results.get(4)));
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        for (int run = 0; run < 3; run++) {
            List<Tuple2<Integer, RoundSum>> keyed = new ArrayList<>();
            // the partitions in another order each run: the sum must not care
            for (int i = 0; i < 5; i++) {
                int task = (i + 2 * run) % 5;
                keyed.add(new Tuple2<>(task, copy(results.get(task))));
            }
            JavaPairRDD<Integer, RoundSum> rdd = spark.parallelizePairs(keyed, 5);
            RoundSum sum = OrderedSum.of(rdd, 5);
            assertArrayEquals(expected.parameters(), sum.parameters(), "run " + run);
            assertArrayEquals(expected.moments(), sum.moments());
            assertArrayEquals(expected.losses(), sum.losses());
            assertEquals(5, sum.workers());
        }
    }
}
