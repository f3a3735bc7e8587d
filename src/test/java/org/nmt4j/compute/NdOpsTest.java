package org.nmt4j.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NdOpsTest {

    // [rows, cols] with distinct values, none zero
    private static INDArray matrix(int rows, int cols) {
        return Nd4j.arange(rows * cols).addi(1).muli(0.5).castTo(DataType.DOUBLE).reshape(rows, cols);
    }

    @Test
    void rowVectorsOfEitherShapeAreAddedToAndDivideEveryRow() {
        for (int[] shape : new int[][] {{3, 4}, {1, 4}, {3, 1}}) {
            int n = shape[0];
            int v = shape[1];
            double[] row = new double[v];
            for (int j = 0; j < v; j++) {
                row[j] = 2 + j;
            }
            for (long[] rowShape : new long[][] {{v}, {1, v}}) {
                INDArray x = matrix(n, v);
                double[] expected = x.reshape(-1).toDoubleVector();
                double[] quotient = expected.clone();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < v; j++) {
                        expected[i * v + j] += row[j];
                        quotient[i * v + j] /= row[j];
                    }
                }
                INDArray r = Nd4j.createFromArray(row).reshape(rowShape);
                String what = Arrays.toString(shape) + " + " + Arrays.toString(rowShape);
                assertArrayEquals(expected, NdOps.addRowVector(x, r).reshape(-1).toDoubleVector(), 0.0, what);
                INDArray y = matrix(n, v);
                assertArrayEquals(quotient, NdOps.divRowVector(y, r).reshape(-1).toDoubleVector(), 0.0, what);
            }
        }
    }

    @Test
    void columnVectorsOfEitherShapeApplyToEveryColumn() {
        for (int[] shape : new int[][] {{3, 4}, {3, 1}, {1, 4}}) {
            int n = shape[0];
            int v = shape[1];
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = 3 - 0.5 * i;
            }
            for (long[] columnShape : new long[][] {{n}, {n, 1}}) {
                INDArray c = Nd4j.createFromArray(column).reshape(columnShape);
                double[] start = matrix(n, v).reshape(-1).toDoubleVector();
                double[] difference = start.clone();
                double[] quotient = start.clone();
                double[] product = start.clone();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < v; j++) {
                        difference[i * v + j] -= column[i];
                        quotient[i * v + j] /= column[i];
                        product[i * v + j] *= column[i];
                    }
                }
                String what = Arrays.toString(shape) + " by " + Arrays.toString(columnShape);
                assertArrayEquals(difference, NdOps.subColumnVector(matrix(n, v), c).reshape(-1).toDoubleVector(),
                        0.0, what);
                assertArrayEquals(quotient, NdOps.divColumnVector(matrix(n, v), c).reshape(-1).toDoubleVector(),
                        0.0, what);
                assertArrayEquals(product, NdOps.mulColumnVector(matrix(n, v), c).reshape(-1).toDoubleVector(),
                        0.0, what);
            }
        }
    }

    @Test
    void broadcastsAlongChosenDimensionsOfARank3Array() {
        int s = 2;
        int b = 3;
        int h = 4;
        INDArray values = Nd4j.arange(s * b * h).addi(1).castTo(DataType.DOUBLE).reshape(s, b, h);
        INDArray weights = matrix(s, b); // [S,B] spread over H
        INDArray rows = matrix(b, h); // [B,H] spread over S
        INDArray product = Nd4j.createUninitialized(DataType.DOUBLE, s, b, h);
        INDArray copy = Nd4j.createUninitialized(DataType.DOUBLE, s, b, h);
        NdOps.broadcastMul(values, weights, product, 0, 1);
        NdOps.broadcastCopy(copy, rows, copy, 1, 2);
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < h; k++) {
                    double expected = values.getDouble(i, j, k) * weights.getDouble(i, j);
                    assertArrayEquals(new double[] {expected, rows.getDouble(j, k)},
                            new double[] {product.getDouble(i, j, k), copy.getDouble(i, j, k)}, 0.0);
                }
            }
        }
    }

    @Test
    void sumsAndMaximaOverADimension() {
        double[] values = new double[12];
        for (int k = 0; k < values.length; k++) {
            values[k] = (k % 2 == 0 ? 1 : -1) * (0.5 + k % 5);
        }
        INDArray x = Nd4j.createFromArray(values).reshape(3, 4);
        double[] columnSums = new double[4];
        double[] rowMaxima = new double[3];
        Arrays.fill(rowMaxima, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                columnSums[j] += x.getDouble(i, j);
                rowMaxima[i] = Math.max(rowMaxima[i], x.getDouble(i, j));
            }
        }
        assertArrayEquals(columnSums, NdOps.sum(x, 0).toDoubleVector(), 1e-12);
        assertArrayEquals(new long[] {4}, NdOps.sum(x, 0).shape());
        assertArrayEquals(new long[] {1, 4}, NdOps.sumKeepingDimensions(x, 0).shape());
        assertArrayEquals(columnSums, NdOps.sumKeepingDimensions(x, 0).reshape(-1).toDoubleVector(), 1e-12);
        assertArrayEquals(rowMaxima, NdOps.max(x, 1).toDoubleVector(), 0.0);
    }

    @Test
    void noOtherMainClassRunsNd4jBroadcastsItself() throws IOException {
        Pattern direct = Pattern.compile("(?<!NdOps)\\.\\w*(Row|Column)Vector\\(|\\bBroadcast\\.|factory\\.Broadcast;");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("NdOps.java"))
                    .filter(f -> {
                        try {
                            return direct.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(List.of(), offenders, "broadcast through NdOps, which keeps the op reachable");
    }
}
