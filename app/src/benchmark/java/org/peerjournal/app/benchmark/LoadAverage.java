package org.peerjournal.app.benchmark;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** What else the machine was doing: other builds share its two cores, so every figure goes with the load. */
final class LoadAverage {

    private LoadAverage() {
    }

    static double now() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String describe() {
        return String.format(Locale.ROOT, "load average (1 min) %.2f on %d cores", now(),
                Runtime.getRuntime().availableProcessors());
    }
}
