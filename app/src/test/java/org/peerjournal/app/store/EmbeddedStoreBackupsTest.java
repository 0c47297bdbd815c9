package org.peerjournal.app.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.command.journal.PatientRefRegistry;
import org.peerjournal.query.audit.AccessAction;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.JournalsShownEvent.Shown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The rules around the copy, with the copy itself stood in for (H2's {@code BACKUP TO} on a real store:
 * {@code EmbeddedStoreBackupIT}): every journal's access log records the copy, a copy that fails halfway or whose
 * access record cannot be stored leaves no file, a closed store is refused without one, and the newest backup's time
 * is what the directory holds.
 */
class EmbeddedStoreBackupsTest {

    @TempDir
    Path dataDir;

    private static final Actor OLLE = new Actor("olle", Role.ADMIN, null);
    private static final List<Shown> EVERY_JOURNAL = List.of(new Shown(UUID.randomUUID(), "ward-7"),
            new Shown(UUID.randomUUID(), "ward-9"));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AccessLog accessLog = mock(AccessLog.class);
    private final PatientRefRegistry journals = mock(PatientRefRegistry.class);

    @BeforeEach
    void everyJournal() {
        when(journals.everyJournal()).thenReturn(EVERY_JOURNAL);
    }

    @Test
    void everyJournalsAccessLogRecordsTheCopyOnceItIsMadeAndBeforeItIsThere() throws Exception {
        EmbeddedStoreBackups backups = new EmbeddedStoreBackups(copying(), accessLog, journals, dataDir, registry);
        List<String> filesWhenRecorded = new ArrayList<>();
        doAnswer(invocation -> {
            filesIn(dataDir.resolve("backups")).forEach(file -> filesWhenRecorded.add(file.getFileName().toString()));
            return null;
        }).when(accessLog).record(OLLE, AccessAction.STORE_BACKUP, EVERY_JOURNAL);

        EmbeddedStoreBackups.Backup taken = backups.take(OLLE);

        verify(accessLog).record(OLLE, AccessAction.STORE_BACKUP, EVERY_JOURNAL);
        assertThat(filesWhenRecorded).as("the copy made, not yet under its name")
                .containsExactly(taken.file() + ".part");
    }

    @Test
    void aCopyWhoseAccessRecordCannotBeStoredLeavesNoFile() {
        doThrow(new IllegalStateException("event store unavailable")).when(accessLog)
                .record(OLLE, AccessAction.STORE_BACKUP, EVERY_JOURNAL);
        EmbeddedStoreBackups backups = new EmbeddedStoreBackups(copying(), accessLog, journals, dataDir, registry);

        assertThatThrownBy(() -> backups.take(OLLE)).hasMessageContaining("event store unavailable");

        assertThat(filesIn(dataDir.resolve("backups"))).isEmpty();
        assertThat(lastBackupGauge()).isZero();
    }

    @Test
    void aCopyThatFailsHalfwayLeavesNoFile() {
        EmbeddedStoreBackups backups = new EmbeddedStoreBackups(new H2CommitsWrittenAtOnce() {
            @Override
            void backUpTo(Path zip) throws SQLException {
                writeHalf(zip);
                throw new SQLException("No space left on device");
            }
        }, accessLog, journals, dataDir, registry);

        assertThatThrownBy(() -> backups.take(OLLE)).isInstanceOf(SQLException.class);

        assertThat(filesIn(dataDir.resolve("backups"))).isEmpty();
        assertThat(lastBackupGauge()).isZero();
        verifyNoInteractions(accessLog);
    }

    @Test
    void aClosedStoreIsRefusedWithoutAFile() {
        EmbeddedStoreBackups backups =
                new EmbeddedStoreBackups(new H2CommitsWrittenAtOnce(), accessLog, journals, dataDir, registry);

        assertThatThrownBy(() -> backups.take(OLLE)).isInstanceOf(StoreNotOpen.class);

        assertThat(filesIn(dataDir.resolve("backups"))).isEmpty();
        verifyNoInteractions(accessLog);
    }

    @Test
    void theGaugeIsTheNewestBackupsTimeAndSurvivesARestart() throws Exception {
        EmbeddedStoreBackups backups = new EmbeddedStoreBackups(copying(), accessLog, journals, dataDir, registry);

        EmbeddedStoreBackups.Backup taken = backups.take(OLLE);

        Path zip = dataDir.resolve("backups").resolve(taken.file());
        assertThat(filesIn(dataDir.resolve("backups"))).containsExactly(zip);
        double modified = Files.getLastModifiedTime(zip).toMillis() / 1000.0;
        assertThat(lastBackupGauge()).isEqualTo(modified);
        SimpleMeterRegistry afterARestart = new SimpleMeterRegistry();
        new EmbeddedStoreBackups(new H2CommitsWrittenAtOnce(), accessLog, journals, dataDir, afterARestart);
        assertThat(afterARestart.get("peerjournal.store.backup.last.timestamp").gauge().value()).isEqualTo(modified);
    }

    /** A store whose copy writes a file and succeeds. */
    private static H2CommitsWrittenAtOnce copying() {
        return new H2CommitsWrittenAtOnce() {
            @Override
            void backUpTo(Path zip) {
                writeHalf(zip);
            }
        };
    }

    private double lastBackupGauge() {
        return registry.get("peerjournal.store.backup.last.timestamp").gauge().value();
    }

    private static void writeHalf(Path zip) {
        try {
            Files.write(zip, new byte[512]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
