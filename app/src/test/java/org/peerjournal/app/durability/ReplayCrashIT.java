package org.peerjournal.app.durability;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.query.audit.AccessLogProjection;
import org.peerjournal.query.operations.ProjectionStatus;
import org.peerjournal.query.operations.Projections;
import org.peerjournal.query.operations.Reconciler;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.peerjournal.shared.journal.command.RecordContactNoteCommand;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay cut short by a crash resumes where its last committed batch left it and rebuilds the read model
 * completely: every batch commits its rows together with the token that says how far the replay got. The store is
 * crashed in the middle of a {@code journal-directory} replay by H2's {@code SHUTDOWN IMMEDIATELY} (the files are
 * closed as they are, nothing written, as a killed process leaves them), and the application is started again on
 * the same files, under a new node id as a restarted node gets one.
 */
class ReplayCrashIT {

    private static final String DIRECTORY = "journal-directory";
    private static final String ACCESS_LOG = "access-log";
    /** The journal-directory projection's tables (the journal list, the contacts and their rollup, the conflicts). */
    private static final List<String> TABLES = List.of("journal_directory", "contact_entry", "contact_month",
            "conflict_entry");
    private static final int JOURNALS = 20;
    private static final int NOTES_PER_JOURNAL = 14;
    /** Small batches: the replay commits hundreds of times, so the crash falls between two of them. */
    private static final String SMALL_BATCHES = "axon.eventhandling.processors." + DIRECTORY + ".batch-size=2";
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    @Test
    void aReplayInterruptedByACrashResumesAndRebuildsEveryRow() throws Exception {
        Map<String, List<String>> builtLive;
        long crashedAt;
        long head;
        try (StandaloneApp app = StandaloneApp.start(dataDir, SMALL_BATCHES)) {
            seed(app.bean(CommandGateway.class));
            assertThat(app.client().as("david").get("/api/journals?size=50").status()).isEqualTo(200);
            head = awaitCaughtUp(app, DIRECTORY).head();
            awaitCaughtUp(app, ACCESS_LOG);
            builtLive = rows(app);
            assertThat(builtLive.get("journal_directory")).hasSize(JOURNALS);
            assertThat(builtLive.get("contact_entry")).hasSize(JOURNALS * NOTES_PER_JOURNAL);
            assertThat(builtLive.get("access_log")).as("the journal list's read, one entry per journal shown")
                    .hasSize(JOURNALS);

            app.bean(Projections.class).replay(DIRECTORY);
            long halfway = head / 2;
            crashedAt = await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(1))
                    .until(() -> status(app, DIRECTORY).position(), position -> position >= halfway);
            crash(app);
        }
        assertThat(crashedAt).as("the crash came in the middle of the replay").isLessThan(head);

        try (StandaloneApp app = StandaloneApp.start(dataDir, SMALL_BATCHES)) {
            awaitCaughtUp(app, DIRECTORY);
            assertThat(rows(app)).as("the read model after the resumed replay")
                    .isEqualTo(builtLive);
            assertThat(app.bean(Reconciler.class).reconcile().consistent()).isTrue();

            // On H2 the tables are truncated just after the reset's transaction: a crash between the two leaves
            // replay tokens over the old rows. The replay fails on their keys (the journal list's entities, the
            // access log's JDBC batch) and must say so, not look RUNNING or skip the events; a replay repairs it.
            for (String projection : List.of(DIRECTORY, ACCESS_LOG)) {
                leaveReplayTokensOverTheOldRows(app, projection);
                await().atMost(CATCH_UP).until(() -> status(app, projection).state(), "ERROR"::equals);
                app.bean(Projections.class).replay(projection);
                awaitCaughtUp(app, projection);
            }
            assertThat(rows(app)).as("the read models replayed again").isEqualTo(builtLive);
        }
    }

    /**
     * What a crash between the reset's commit and H2's truncation leaves: the replay tokens stored as
     * {@code resetTokens()} stores them, the tables not emptied (the reset handlers not called).
     */
    private static void leaveReplayTokensOverTheOldRows(StandaloneApp app, String projection) {
        StreamingEventProcessor processor = app.bean(EventProcessingConfiguration.class)
                .eventProcessor(projection, StreamingEventProcessor.class).orElseThrow();
        processor.shutdownAsync().join();
        // The processor's own token store: the access log's lives in its own file on H2 (ADR 0019).
        EventProcessingConfiguration processing = app.bean(EventProcessingConfiguration.class);
        TokenStore tokens = processing.tokenStore(projection);
        TrackingToken firstEvent = app.bean(EventStore.class).createTailToken();
        processing.transactionManager(projection).executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(projection)) {
                TrackingToken reached = tokens.fetchToken(projection, segment);
                tokens.storeToken(ReplayToken.createReplayToken(reached, firstEvent), projection, segment);
                tokens.releaseClaim(projection, segment);
            }
        });
        processor.start();
    }

    /** Journals of team north, each with notes of every contact type, recorded by two workers in turn. */
    private static void seed(CommandGateway gateway) {
        Actor lead = new Actor("david", Role.TEAM_LEAD, "north");
        List<Actor> workers = List.of(new Actor("anna", Role.PSW, "north"), new Actor("psw-2", Role.PSW, "north"));
        ContactType[] types = ContactType.values();
        Instant now = Instant.now();
        for (int journal = 0; journal < JOURNALS; journal++) {
            UUID journalId = UUID.randomUUID();
            gateway.sendAndWait(new OpenJournalCommand(journalId, "north", "CRASH-" + journal, "Patient " + journal,
                    lead));
            for (int note = 0; note < NOTES_PER_JOURNAL; note++) {
                gateway.sendAndWait(new RecordContactNoteCommand(journalId, UUID.randomUUID(),
                        types[note % types.length], now.minus(Duration.ofDays(note * 7L + journal)), 15 + note,
                        "Met at the day centre.", workers.get(note % workers.size())));
            }
        }
    }

    /**
     * The store as a killed process leaves it: H2 closes its files without writing anything more. Only the
     * administrator may do that; the application's own account may not.
     */
    private static void crash(StandaloneApp app) throws Exception {
        try (Connection administrator = app.bean(Flyway.class).getConfiguration().getDataSource().getConnection();
                Statement statement = administrator.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        }
    }

    private static ProjectionStatus awaitCaughtUp(StandaloneApp app, String projection) {
        return await().atMost(CATCH_UP).until(() -> status(app, projection),
                status -> status.lag() == 0 && !"ERROR".equals(status.state()) && !"STOPPED".equals(status.state()));
    }

    private static ProjectionStatus status(StandaloneApp app, String projection) {
        return app.bean(Projections.class).statuses().stream().filter(status -> projection.equals(status.name()))
                .findFirst().orElseThrow();
    }

    /** Every row of each table, the access log's from its own store, as text, in a fixed order. */
    private static Map<String, List<String>> rows(StandaloneApp app) {
        Map<String, List<String>> tables = rows(app.bean(JdbcTemplate.class), TABLES);
        tables.putAll(rows(app.bean(AccessLogProjection.TABLES, ProjectionTables.class).jdbc(), List.of("access_log")));
        return tables;
    }

    /** Equal maps mean equal tables. */
    private static Map<String, List<String>> rows(JdbcTemplate jdbc, List<String> names) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : names) {
            List<String> rows = new ArrayList<>();
            jdbc.query("select * from " + table, resultSet -> {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= resultSet.getMetaData().getColumnCount(); column++) {
                    row.append(resultSet.getMetaData().getColumnName(column)).append('=')
                            .append(resultSet.getString(column)).append(' ');
                }
                rows.add(row.toString());
            });
            rows.sort(null);
            tables.put(table, rows);
        }
        return tables;
    }
}
