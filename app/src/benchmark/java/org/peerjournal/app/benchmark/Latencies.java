package org.peerjournal.app.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** Latencies in nanoseconds, reported in milliseconds (nearest-rank percentiles). Safe for one writer only. */
final class Latencies {

    static final String HEADER = String.format(Locale.ROOT, "%-34s %8s %9s %9s %9s %9s %9s%n", "what", "count",
            "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms");

    private long[] nanos = new long[256];
    private int size;

    void add(long value) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = value;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return size;
    }

    double mean() {
        return Arrays.stream(nanos, 0, size).average().orElse(Double.NaN) / 1e6;
    }

    double p50() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    double max() {
        return percentile(100);
    }

    double percentile(int p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }

    String row(String what) {
        return String.format(Locale.ROOT, "%-34s %8d %9.1f %9.1f %9.1f %9.1f %9.1f%n", what, size, mean(), p50(), p95(),
                percentile(99), max());
    }
}
