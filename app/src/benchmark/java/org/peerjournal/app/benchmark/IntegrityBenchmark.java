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
import org.peerjournal.app.integrity.ChainingEventStorageEngine;
import org.peerjournal.app.integrity.Checkpoint;
import org.peerjournal.app.integrity.MerkleTree;
import org.peerjournal.app.integrity.Sha256;
import org.peerjournal.app.integrity.SigningKey;
import org.peerjournal.app.integrity.StoreVerifier;
import org.peerjournal.app.integrity.StoredEvent;
import org.peerjournal.app.integrity.VerificationReport;
import org.peerjournal.app.support.StoreMigrations;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What integrity costs (issue #11): note append latency with and without the hash chain, interleaved in one run
 * on one store (target: at most 10 % slower), and the verifier's speed over 100,000 and 1,000,000 events
 * (target: at least 100,000 events/s). Figures are printed, never asserted. Run with
 * {@code mvn -B -pl app -am test -Pbenchmark -Dtest=IntegrityBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class IntegrityBenchmark {

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
    @DirtiesContext
    class AppendLatencyWithAndWithoutChaining {

        static final int WARM_UP = 100;
        static final int PAIRS = 500;
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
            double loadBefore = LoadAverage.now();
            for (int i = 0; i < WARM_UP + PAIRS; i++) {
                // Alternate which goes first, so neither always follows the other's cache effects.
                boolean chainFirst = i % 2 == 0;
                long first = append(chainFirst ? chained : unchained, chainFirst);
                long second = append(chainFirst ? unchained : chained, !chainFirst);
                if (i >= WARM_UP) {
                    withChain.add(chainFirst ? first : second);
                    withoutChain.add(chainFirst ? second : first);
                }
            }
            System.out.printf(Locale.ROOT, "%n=== Note append latency with and without the hash chain ===%n");
            System.out.print(Latencies.HEADER);
            System.out.print(withoutChain.row("without chain"));
            System.out.print(withChain.row("with chain"));
            System.out.printf(Locale.ROOT, "ratio with/without: mean %.3f, p50 %.3f, p95 %.3f; load average before"
                    + " %.2f, %s%n", withChain.mean() / withoutChain.mean(), withChain.p50() / withoutChain.p50(),
                    withChain.p95() / withoutChain.p95(), loadBefore, LoadAverage.describe());
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

        @TempDir
        Path dir;

        @Test
        void eventsPerSecondAt100kAnd1M() throws Exception {
            for (int events : new int[] {100_000, 1_000_000}) {
                Path store = dir.resolve("store-" + events);
                Files.createDirectories(store);
                String url = "jdbc:h2:file:" + store.resolve("peerjournal");
                StoreMigrations.flyway("h2").dataSource(url, "sa", "").load().migrate();
                long checkpointSize = fill(url, events, store.resolve("key.pem"));
                try (Connection connection = DriverManager.getConnection(url + ";ACCESS_MODE_DATA=r", "sa", "")) {
                    long start = System.nanoTime();
                    VerificationReport report = StoreVerifier.verify(connection, List.of(), List.of());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    assertThat(report.discrepancies()).isEmpty();
                    assertThat(report.verifiedTreeSize()).isEqualTo(checkpointSize);
                    System.out.printf(Locale.ROOT, "verifier: %,d events in %.2f s = %,.0f events/s (%s)%n", events,
                            seconds, events / seconds, LoadAverage.describe());
                }
            }
        }

        /** Events of 100 per journal with ~400-byte payloads, their chains, the tree and one signed checkpoint. */
        private long fill(String url, int events, Path keyFile) throws Exception {
            SigningKey key = SigningKey.generate("peer-journal", keyFile);
            MerkleTree tree = new MerkleTree();
            byte[] payload = ("{\"text\":\"" + "x".repeat(380) + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] metaData = "{\"actorUserId\":\"anna\",\"actorRole\":\"PSW\",\"actorTeamId\":\"north\"}"
                    .getBytes(StandardCharsets.UTF_8);
            try (Connection connection = DriverManager.getConnection(url, "sa", "");
                    PreparedStatement event = connection.prepareStatement("insert into domain_event_entry"
                            + " (global_index, event_identifier, aggregate_identifier, sequence_number, type,"
                            + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                            + " values (?, ?, ?, ?, 'Journal', ?, 'Note', null, ?, ?)");
                    PreparedStatement chain = connection.prepareStatement("insert into event_chain (global_index,"
                            + " chain_id, chain_seq, event_identifier, payload_hash, meta_data_hash, leaf_hash,"
                            + " chain_hash) values (?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement leaf = connection.prepareStatement(
                            "insert into merkle_leaf (tree_index, global_index, leaf_hash) values (?, ?, ?)")) {
                connection.setAutoCommit(false);
                String journal = null;
                byte[] head = null;
                for (int i = 1; i <= events; i++) {
                    long seq = (i - 1) % 100;
                    if (seq == 0) {
                        journal = UUID.randomUUID().toString();
                        head = Sha256.EMPTY_CHAIN;
                    }
                    String id = UUID.randomUUID().toString();
                    String time = Instant.ofEpochSecond(1_700_000_000L + i).toString();
                    StoredEvent stored = new StoredEvent(i, id, journal, seq, "Journal", time, "Note", null,
                            Sha256.of(payload), Sha256.of(metaData));
                    byte[] hash = stored.leafHash();
                    head = Sha256.chain(head, hash);
                    event.setLong(1, i);
                    event.setString(2, id);
                    event.setString(3, journal);
                    event.setLong(4, seq);
                    event.setString(5, time);
                    event.setBytes(6, payload);
                    event.setBytes(7, metaData);
                    event.addBatch();
                    chain.setLong(1, i);
                    chain.setString(2, journal);
                    chain.setLong(3, seq);
                    chain.setString(4, id);
                    chain.setBytes(5, stored.payloadHash());
                    chain.setBytes(6, stored.metaDataHash());
                    chain.setBytes(7, hash);
                    chain.setBytes(8, head);
                    chain.addBatch();
                    leaf.setLong(1, tree.size());
                    leaf.setLong(2, i);
                    leaf.setBytes(3, hash);
                    leaf.addBatch();
                    tree.append(hash);
                    if (i % 5_000 == 0) {
                        event.executeBatch();
                        chain.executeBatch();
                        leaf.executeBatch();
                        connection.commit();
                    }
                }
                event.executeBatch();
                chain.executeBatch();
                leaf.executeBatch();
                try (PreparedStatement checkpoint = connection.prepareStatement("insert into checkpoint (tree_size,"
                        + " root_hash, signed_note, created_at) values (?, ?, ?, ?)");
                        PreparedStatement publicKey = connection.prepareStatement("insert into signing_public_key"
                                + " (key_name, key_id, verifier_key, created_at) values (?, ?, ?, ?)")) {
                    checkpoint.setLong(1, tree.size());
                    checkpoint.setBytes(2, tree.root());
                    checkpoint.setString(3, key.sign(new Checkpoint("peer-journal", tree.size(), tree.root()).text()));
                    checkpoint.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
                    checkpoint.executeUpdate();
                    publicKey.setString(1, key.name());
                    publicKey.setString(2, key.verifier().keyIdHex());
                    publicKey.setString(3, key.verifier().text());
                    publicKey.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
                    publicKey.executeUpdate();
                }
                connection.commit();
            }
            return tree.size();
        }
    }
}
