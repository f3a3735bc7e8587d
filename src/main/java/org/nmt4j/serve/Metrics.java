package org.nmt4j.serve;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * The server's counters, gauges and histograms, written in Prometheus's text exposition format (version 0.0.4): a
 * {@code # HELP} and {@code # TYPE} line per family, then its samples; label values are given formatted
 * ({@code model="tiny",outcome="ok"}). Thread-safe.
 */
final class Metrics {

    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    static final double[] SIZE_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    private final Map<String, Family> families = new TreeMap<>();

    private abstract static class Family {
        final String help;

        Family(String help) {
            this.help = help;
        }

        abstract String type();

        abstract void write(String name, StringBuilder out);
    }

    private static final class Counter extends Family {
        final Map<String, double[]> values = new TreeMap<>();

        Counter(String help) {
            super(help);
        }

        @Override
        String type() {
            return "counter";
        }

        @Override
        void write(String name, StringBuilder out) {
            values.forEach((labels, v) -> sample(out, name, labels, v[0]));
        }
    }

    private static final class Gauge extends Family {
        final Map<String, DoubleSupplier> values = new TreeMap<>();

        Gauge(String help) {
            super(help);
        }

        @Override
        String type() {
            return "gauge";
        }

        @Override
        void write(String name, StringBuilder out) {
            values.forEach((labels, v) -> sample(out, name, labels, v.getAsDouble()));
        }
    }

    private static final class Histogram extends Family {
        final double[] buckets;
        final Map<String, double[]> values = new TreeMap<>(); // per labels: bucket counts, then +Inf, sum

        Histogram(String help, double[] buckets) {
            super(help);
            this.buckets = buckets;
        }

        @Override
        String type() {
            return "histogram";
        }

        void observe(String labels, double value) {
            double[] v = values.computeIfAbsent(labels, k -> new double[buckets.length + 2]);
            for (int i = 0; i < buckets.length; i++) {
                if (value <= buckets[i]) {
                    v[i]++;
                }
            }
            v[buckets.length]++;
            v[buckets.length + 1] += value;
        }

        @Override
        void write(String name, StringBuilder out) {
            values.forEach((labels, v) -> {
                String sep = labels.isEmpty() ? "" : ",";
                for (int i = 0; i < buckets.length; i++) {
                    sample(out, name + "_bucket", labels + sep + "le=\"" + number(buckets[i]) + "\"", v[i]);
                }
                sample(out, name + "_bucket", labels + sep + "le=\"+Inf\"", v[buckets.length]);
                sample(out, name + "_sum", labels, v[buckets.length + 1]);
                sample(out, name + "_count", labels, v[buckets.length]);
            });
        }
    }

    /** Adds 1 to a counter (made on first use). */
    synchronized void increment(String name, String help, String labels) {
        add(name, help, labels, 1);
    }

    synchronized void add(String name, String help, String labels, double amount) {
        Counter c = (Counter) families.computeIfAbsent(name, k -> new Counter(help));
        c.values.computeIfAbsent(labels, k -> new double[1])[0] += amount;
    }

    /** A value read when the metrics are written. */
    synchronized void gauge(String name, String help, String labels, DoubleSupplier value) {
        Gauge g = (Gauge) families.computeIfAbsent(name, k -> new Gauge(help));
        g.values.put(labels, value);
    }

    synchronized void observe(String name, String help, double[] buckets, String labels, double value) {
        Histogram h = (Histogram) families.computeIfAbsent(name, k -> new Histogram(help, buckets));
        h.observe(labels, value);
    }

    /** Every family in the text format. */
    synchronized String text() {
        StringBuilder out = new StringBuilder();
        families.forEach((name, f) -> {
            out.append("# HELP ").append(name).append(' ').append(f.help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(f.type()).append('\n');
            f.write(name, out);
        });
        return out.toString();
    }

    /** A label value escaped for the text format. */
    static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(9)).stripTrailingZeros()
                .toPlainString();
    }
}
