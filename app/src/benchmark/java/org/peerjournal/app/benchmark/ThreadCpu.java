package org.peerjournal.app.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CPU time each thread of this JVM used between two snapshots, grouped by the thread's name without its trailing
 * number: shows whether a replay's own thread is busy all the time (then only less work per event makes it faster)
 * or waits (then something it waits for is the limit). Threads that ended between the two snapshots are not counted,
 * nor are the JVM's own (the collector's, the compilers'): the shares can add up to less than the process used.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> nanosByThread;
    private final Map<Long, String> names;
    private final long takenAt = System.nanoTime();

    private ThreadCpu(Map<Long, Long> nanosByThread, Map<Long, String> names) {
        this.nanosByThread = nanosByThread;
        this.names = names;
    }

    static ThreadCpu now() {
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    nanos.put(info.getThreadId(), cpu);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        return new ThreadCpu(nanos, names);
    }

    /** Each group's CPU time since {@code before} as a share of the wall time between the two, largest first. */
    String since(ThreadCpu before, int top) {
        double wall = takenAt - before.takenAt;
        Map<String, Long> byGroup = new HashMap<>();
        nanosByThread.forEach((id, cpu) -> byGroup.merge(group(names.get(id)),
                cpu - before.nanosByThread.getOrDefault(id, 0L), Long::sum));
        return byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * e.getValue() / wall))
                .collect(Collectors.joining(", "));
    }

    private static String group(String name) {
        return name.replaceAll("[-#]?\\d+$", "");
    }
}
