package org.peerjournal.app.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.PeerJournalApplication;
import org.peerjournal.app.integrity.ChainingEventStorageEngine;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.peerjournal.shared.journal.command.RecordContactNoteCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What integrity costs (issue #11): note append latency with and without the hash chain, interleaved in one run
 * on one store (target: at most 10 % slower), and the verifier's speed over 100,000 and 1,000,000 events
 * (target: at least 100,000 events/s): in fresh JVMs, JVM start included (optionally from the packaged jar:
 * {@code -Dintegrity.verifier.jar=<its absolute path>}), and three times in each of as many other fresh JVMs with the
 * verifier's own settings ({@link VerifyRepeatedly}), timed inside, without the JVM's start. Figures are printed,
 * never asserted. Run with
 * {@code mvn -B -pl app -am test -Pbenchmark -Dtest=IntegrityBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * a quick sanity run: add {@code -Dintegrity.verifier.events=2000 -Dintegrity.append.warm-up=5
 * -Dintegrity.append.pairs=20}.
 */
@Tag("benchmark")
class IntegrityBenchmark {

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
    @DirtiesContext
    class AppendLatencyWithAndWithoutChaining {

        static final int WARM_UP = Integer.getInteger("integrity.append.warm-up", 100);
        /**
         * 2,000 pairs: one append's time spreads by several milliseconds, so the mean ratio of 500 pairs moved by
         * ±6 % from run to run (1.05-1.16 for the same code), too coarse for a 10 % target; the paired estimate below
         * says how precise each run's figure is.
         */
        static final int PAIRS = Integer.getInteger("integrity.append.pairs", 2_000);
        static final Actor TEAM_LEAD = new Actor("bench-lead", Role.TEAM_LEAD, "bench");
        static final Actor PSW = new Actor("bench-psw", Role.PSW, "bench");
        static final String NOTE_TEXT = "Met at the day centre. Talked about the week ahead, the appointment with"
                + " the housing office on Thursday and how sleep has been since the change of medication. Agreed to"
                + " meet again next week and to call the housing office together beforehand.";

        @TempDir
        static Path dataDir;

        @DynamicPropertySource
        static void store(DynamicPropertyRegistry registry) {
            registry.add("peerjournal.data-dir", dataDir::toString);
        }

        @Autowired
        CommandGateway commandGateway;
        @Autowired
        ChainingSwitch chaining;

        @Test
        void noteAppendLatency() {
            UUID chained = open();
            UUID unchained = open();
            Latencies withChain = new Latencies();
            Latencies withoutChain = new Latencies();
            PairedDifference chainCost = new PairedDifference();
            double loadBefore = LoadAverage.now();
            for (int i = 0; i < WARM_UP + PAIRS; i++) {
                // Alternate which goes first, so neither always follows the other's cache effects.
                boolean chainFirst = i % 2 == 0;
                long first = append(chainFirst ? chained : unchained, chainFirst);
                long second = append(chainFirst ? unchained : chained, !chainFirst);
                if (i >= WARM_UP) {
                    withChain.add(chainFirst ? first : second);
                    withoutChain.add(chainFirst ? second : first);
                    chainCost.add(chainFirst ? first : second, chainFirst ? second : first);
                }
            }
            System.out.printf(Locale.ROOT, "%n=== Note append latency with and without the hash chain ===%n");
            System.out.print(Latencies.HEADER);
            System.out.print(withoutChain.row("without chain"));
            System.out.print(withChain.row("with chain"));
            System.out.printf(Locale.ROOT, "ratio with/without: mean %.3f, p50 %.3f, p95 %.3f; load average before"
                    + " %.2f, %s%n", withChain.mean() / withoutChain.mean(), withChain.p50() / withoutChain.p50(),
                    withChain.p95() / withoutChain.p95(), loadBefore, LoadAverage.describe());
            System.out.print(chainCost.describe("with chain", "without"));
        }

        private UUID open() {
            UUID journalId = UUID.randomUUID();
            chaining.on = true;
            commandGateway.sendAndWait(new OpenJournalCommand(journalId, "bench", "BENCH-" + journalId,
                    "Benchmark", TEAM_LEAD));
            return journalId;
        }

        private long append(UUID journalId, boolean chained) {
            chaining.on = chained;
            long start = System.nanoTime();
            commandGateway.sendAndWait(new RecordContactNoteCommand(journalId, UUID.randomUUID(),
                    ContactType.INDIVIDUAL_CONVERSATION, Instant.now().minus(Duration.ofHours(1)), 45, NOTE_TEXT,
                    PSW));
            return System.nanoTime() - start;
        }

        @TestConfiguration
        static class Switching {

            /** Wraps the chaining engine once more, so one run can append with it and without it (the benchmark only). */
            @Bean
            static ChainingSwitch chainingSwitch() {
                return new ChainingSwitch();
            }

            @Bean
            static BeanPostProcessor switchChaining(ChainingSwitch chainingSwitch) {
                return new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String beanName) {
                        return bean instanceof ChainingEventStorageEngine engine ? new Switch(chainingSwitch, engine)
                                : bean;
                    }
                };
            }
        }
    }

    /** Whether the next append goes through the chain. */
    static class ChainingSwitch {
        volatile boolean on = true;
    }

    /** An engine that appends through the chaining engine or around it, as the switch says. */
    static class Switch implements EventStorageEngine {

        private final ChainingSwitch chainingSwitch;
        private final ChainingEventStorageEngine chained;

        Switch(ChainingSwitch chainingSwitch, ChainingEventStorageEngine chained) {
            this.chainingSwitch = chainingSwitch;
            this.chained = chained;
        }

        private EventStorageEngine current() {
            return chainingSwitch.on ? chained : chained.unchained();
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            current().appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            chained.storeSnapshot(snapshot);
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            return chained.readEvents(token, mayBlock);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return chained.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return chained.readSnapshot(aggregateIdentifier);
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return chained.lastSequenceNumberFor(aggregateIdentifier);
        }

        @Override
        public TrackingToken createTailToken() {
            return chained.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return chained.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return chained.createTokenAt(dateTime);
        }
    }

    @Nested
    class VerifierSpeed {

        /**
         * Fresh runs per size: one fresh run's time moved between 6 and 12 s over a million events on a quiet
         * machine (the JIT's warm-up shares the 2 cores), so the median of several is the figure (the upper of the
         * two middle ones for an even number).
         */
        static final int FRESH_RUNS = Integer.getInteger("integrity.verifier.fresh-runs", 5);

        @TempDir
        Path dir;

        /**
         * What the investigator runs: {@code verify --peerjournal.data-dir=...} in {@link #FRESH_RUNS} fresh JVMs one
         * after the other (each with its start and JIT warm-up: what an investigator waits for); then, in as many
         * other fresh JVMs with the verifier's own settings ({@link VerifyRepeatedly}), three runs one after the other,
         * each timed inside the JVM: the first without the JVM's start (the verifier's speed, H2's opening and the
         * JIT's warm-up included), the third compiled (its speed in a started JVM).
         */
        @Test
        void eventsPerSecond() throws Exception {
            for (int events : sizes("integrity.verifier.events", "100000,1000000")) {
                long seedStart = System.nanoTime();
                Path store = dir.resolve("store-" + events);
                SyntheticIntegrityStore seeded = SyntheticIntegrityStore.create(store, events);
                System.out.printf(Locale.ROOT, "seeded %,d events in %.0f s%n", events,
                        (System.nanoTime() - seedStart) / 1e9);
                String expected = "verified against a signed checkpoint up to " + seeded.checkpointSize();
                String argument = "--peerjournal.data-dir=" + store;
                double[] seconds = new double[FRESH_RUNS];
                for (int i = 0; i < FRESH_RUNS; i++) {
                    double loadBefore = LoadAverage.now();
                    long start = System.nanoTime();
                    String fresh = investigatorsCommand(argument);
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                    print(events, "fresh JVM " + (i + 1) + " of " + FRESH_RUNS + ", JVM start included", seconds[i],
                            loadBefore);
                    assertThat(fresh).startsWith("0\n").contains(expected);
                }
                printMedian(events, "fresh JVM", seconds);

                // The verifier's own speed, without the JVM's and the launcher's start: in FRESH_RUNS other fresh
                // JVMs, each timing three runs itself; the first with H2's opening and the JIT's warm-up, the third
                // compiled.
                double[][] inJvm = new double[3][FRESH_RUNS];
                for (int i = 0; i < FRESH_RUNS; i++) {
                    double loadBefore = LoadAverage.now();
                    String repeated = inFreshJvm(VerifyRepeatedly.class, "3", argument);
                    assertThat(repeated).contains(expected);
                    Matcher run = Pattern.compile("run (\\d+) exit (\\d+) ([0-9.]+) s").matcher(repeated);
                    while (run.find()) {
                        assertThat(run.group(2)).isEqualTo("0");
                        int which = Integer.parseInt(run.group(1));
                        inJvm[which - 1][i] = Double.parseDouble(run.group(3));
                        print(events, "JVM " + (i + 1) + " of " + FRESH_RUNS + ", run " + which
                                + " of 3, JVM start excluded", inJvm[which - 1][i], loadBefore);
                    }
                }
                for (int which = 1; which <= 3; which++) {
                    printMedian(events, "run " + which + " of 3 in a fresh JVM, JVM start excluded", inJvm[which - 1]);
                }
            }
        }

        private static void printMedian(int events, String how, double[] seconds) {
            Arrays.sort(seconds);
            double median = seconds[seconds.length / 2];
            System.out.printf(Locale.ROOT, "verifier (%s, median of %d): %,d events in %.2f s = %,.0f events/s%n",
                    how, seconds.length, events, median, events / median);
        }

        private static void print(int events, String how, double seconds, double loadBefore) {
            System.out.printf(Locale.ROOT, "verifier (%s): %,d events in %.2f s = %,.0f events/s; load average"
                    + " before %.2f, %s%n", how, events, seconds, events / seconds, loadBefore, LoadAverage.describe());
        }

        /**
         * {@code verify} as the investigator runs it: {@code java -jar JAR verify} when {@code integrity.verifier.jar}
         * names the packaged jar (its launcher loads classes from the jars nested in it), else from this class path.
         */
        private static String investigatorsCommand(String argument) throws Exception {
            String jar = System.getProperty("integrity.verifier.jar", "").trim();
            if (jar.isEmpty()) {
                return inFreshJvm(PeerJournalApplication.class, "verify", argument);
            }
            List<String> command = javaCommand();
            command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString(), "verify", argument));
            return run(command);
        }

        /**
         * {@code java -cp <this classpath> MAIN ARGS...} (with PeerJournalApplication and verify: as from the packaged
         * jar), answering its exit code, a newline and its output.
         */
        private static String inFreshJvm(Class<?> main, String... arguments) throws Exception {
            List<String> command = javaCommand();
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
            command.addAll(List.of(arguments));
            return run(command);
        }

        /** {@code java} and the JVM options given to the benchmark for the verifier's JVMs, if any. */
        private static List<String> javaCommand() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // E.g. -Dintegrity.verifier.jvm-options=-XX:StartFlightRecording=filename=verify.jfr,settings=profile
            String jvmOptions = System.getProperty("integrity.verifier.jvm-options", "").trim();
            if (!jvmOptions.isEmpty()) {
                command.addAll(List.of(jvmOptions.split("\\s+")));
            }
            return command;
        }

        /** Answers the process's exit code, a newline and its output. */
        private static String run(List<String> command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() + "\n" + output;
        }
    }

    /** Comma-separated sizes from a system property, so a sanity run can use small ones. */
    static int[] sizes(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
    }
}
