package org.peerjournal.app.benchmark;

import java.util.Locale;

/**
 * Pairs of latencies taken one right after the other (one with a change, one without), and what the change costs:
 * the mean of the pairs' differences with its 95 % confidence interval (normal approximation: the pairs are many),
 * also as a ratio to the mean without. Pairing cancels the machine's drift between pairs; the interval says whether
 * a run can tell the cost from the noise at all.
 */
final class PairedDifference {

    private long count;
    private double sumWithout;
    private double sumDifference;
    private double sumSquaredDifference;

    void add(long nanosWith, long nanosWithout) {
        double difference = nanosWith - nanosWithout;
        count++;
        sumWithout += nanosWithout;
        sumDifference += difference;
        sumSquaredDifference += difference * difference;
    }

    double meanDifferenceMillis() {
        return sumDifference / count / 1e6;
    }

    /** Half the width of the 95 % confidence interval of the mean difference, in milliseconds. */
    double marginMillis() {
        double mean = sumDifference / count;
        double variance = (sumSquaredDifference - count * mean * mean) / (count - 1);
        return 1.96 * Math.sqrt(variance / count) / 1e6;
    }

    double meanWithoutMillis() {
        return sumWithout / count / 1e6;
    }

    String describe(String with, String without) {
        double base = meanWithoutMillis();
        double difference = meanDifferenceMillis();
        double margin = marginMillis();
        return String.format(Locale.ROOT, "paired (%d pairs): %s costs %.3f ms ± %.3f ms (95 %% CI) over %s's mean of"
                + " %.3f ms: ratio %.3f (95 %% CI %.3f-%.3f)%n", count, with, difference, margin, without, base,
                1 + difference / base, 1 + (difference - margin) / base, 1 + (difference + margin) / base);
    }
}
