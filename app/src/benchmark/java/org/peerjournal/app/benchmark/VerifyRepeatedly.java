package org.peerjournal.app.benchmark;

import org.peerjournal.app.integrity.VerifyCommand;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code VerifyRepeatedly RUNS verify-arguments...}: the offline verifier with its own JVM settings, run several times
 * in one fresh JVM, for {@code IntegrityBenchmark}: the first run pays the JIT's warm-up and H2's first start (not
 * the JVM's own start), the later ones show the verifier's speed once compiled. Prints one line per run,
 * {@code run <i> exit <code> <seconds> s}, then the last run's output.
 */
public final class VerifyRepeatedly {

    private VerifyRepeatedly() {
    }

    public static void main(String[] args) {
        VerifyCommand.readEachValueOnce();
        int runs = Integer.parseInt(args[0]);
        String[] arguments = Arrays.copyOfRange(args, 1, args.length);
        String output = "";
        for (int run = 1; run <= runs; run++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int exit = VerifyCommand.run(arguments, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "run %d exit %d %.3f s%n", run, exit, seconds);
            output = out.toString(StandardCharsets.UTF_8);
        }
        System.out.print(output);
    }
}
