package org.peerjournal.app.durability;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.store.AccessLogFileAheadOfItsStore;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.StoreBackups;
import org.peerjournal.query.audit.AccessLogProjection;
import org.peerjournal.query.operations.Reconciler;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.springframework.core.env.Environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the embedded store the access log's rows and tokens live in an H2 file of their own, written with H2's write
 * delay (ADR 0019). What makes that safe: the rows commit together with the token, and the read events they are made
 * from are in the application's store. So neither a crash of that file nor its loss loses an entry, nor does a file
 * left beside a store restored from an older backup.
 */
class AccessLogFileIT {

    private static final int JOURNALS = 3;
    private static final int READS_AFTER_THE_BACKUP = 40;
    private static final Duration CATCH_UP = Duration.ofMinutes(1);

    @TempDir
    Path dataDir;

    @Test
    void aCrashOfTheAccessLogsFileLosesNoEntry() throws Exception {
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            openJournals(app);
            listJournals(app);
            listJournals(app);
            // The file closed as a killed process leaves it, right after the processor's last commits: what H2
            // had not written yet is gone, rows and token alike.
            try (Connection administrator = DriverManager.getConnection(
                    app.bean(Environment.class).getProperty("peerjournal.access-log.h2-url"), "sa", "");
                    Statement statement = administrator.createStatement()) {
                statement.execute("SHUTDOWN IMMEDIATELY");
            }
        }

        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            assertThat(app.bean(AccessLogFileAheadOfItsStore.class).rebuilt()).as("emptied at the start").isFalse();
            awaitEntries(app, 2 * JOURNALS);
        }
    }

    @Test
    void aLostAccessLogFileIsRebuiltFromTheEvents() throws Exception {
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            openJournals(app);
            listJournals(app);
            awaitEntries(app, JOURNALS);
        }
        Files.delete(dataDir.resolve("access-log.mv.db"));

        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            awaitEntries(app, JOURNALS);
        }
    }

    /**
     * A store restored from an older backup counts its global index on from the backup's newest event; the access
     * log's file, left in place, had handled reads past it. It is built again, so the reads after the restore are in
     * it, and the reads the restore took back out of the store are not.
     */
    @Test
    void anAccessLogFileBuiltFurtherThanARestoredStoreIsBuiltAgain() throws Exception {
        Path backup;
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            openJournals(app);
            backup = StoreBackups.zipOf(dataDir, StoreBackups.take(app.client()));
            // More reads than H2 keeps sequence values ahead in the file, so that the restored store's sequence
            // gives positions again that these reads had.
            for (int read = 0; read < READS_AFTER_THE_BACKUP; read++) {
                listJournals(app);
            }
            awaitEntries(app, READS_AFTER_THE_BACKUP * JOURNALS);
        }
        assertThat(StoreBackups.restore(backup, dataDir)).containsExactly("peerjournal.mv.db");

        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            assertThat(app.bean(AccessLogFileAheadOfItsStore.class).rebuilt()).as("emptied at the start").isTrue();
            listJournals(app);
            awaitEntries(app, JOURNALS);
        }
    }

    private static void openJournals(StandaloneApp app) {
        Actor lead = new Actor("david", Role.TEAM_LEAD, "north");
        for (int journal = 0; journal < JOURNALS; journal++) {
            app.bean(CommandGateway.class).sendAndWait(new OpenJournalCommand(UUID.randomUUID(), "north",
                    "FILE-" + journal, "Patient " + journal, lead));
        }
    }

    /** One logged answer, one entry per journal shown: stored as an event before the list is served. */
    private static void listJournals(StandaloneApp app) {
        assertThat(app.client().as("david").get("/api/journals").status()).isEqualTo(200);
    }

    /** Exactly these entries of journal lists, and the access log consistent with the events it has handled. */
    private static void awaitEntries(StandaloneApp app, int entries) {
        ProjectionTables accessLog = app.bean(AccessLogProjection.TABLES, ProjectionTables.class);
        await().atMost(CATCH_UP).until(() -> accessLog.jdbc().queryForObject(
                "select count(*) from access_log where action = 'journal-list'", Integer.class),
                count -> count == entries);
        assertThat(app.bean(Reconciler.class).reconcile().consistent()).isTrue();
    }
}
