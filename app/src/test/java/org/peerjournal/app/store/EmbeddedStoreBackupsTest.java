package org.peerjournal.app.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules around the copy, with the copy itself stood in for (H2's {@code BACKUP TO} on a real store:
 * {@code EmbeddedStoreBackupIT}): a copy that fails halfway leaves no file, a closed store is refused without one, and
 * the newest backup's time is what the directory holds.
 */
class EmbeddedStoreBackupsTest {

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aCopyThatFailsHalfwayLeavesNoFile() {
        EmbeddedStoreBackups backups = new EmbeddedStoreBackups(new H2CommitsWrittenAtOnce() {
            @Override
            void backUpTo(Path zip) throws SQLException {
                writeHalf(zip);
                throw new SQLException("No space left on device");
            }
        }, dataDir, registry);

        assertThatThrownBy(() -> backups.take("olle")).isInstanceOf(SQLException.class);

        assertThat(filesIn(dataDir.resolve("backups"))).isEmpty();
        assertThat(lastBackupGauge()).isZero();
    }

    @Test
    void aClosedStoreIsRefusedWithoutAFile() {
        EmbeddedStoreBackups backups = new EmbeddedStoreBackups(new H2CommitsWrittenAtOnce(), dataDir, registry);

        assertThatThrownBy(() -> backups.take("olle")).isInstanceOf(StoreNotOpen.class);

        assertThat(filesIn(dataDir.resolve("backups"))).isEmpty();
    }

    @Test
    void theGaugeIsTheNewestBackupsTimeAndSurvivesARestart() throws Exception {
        EmbeddedStoreBackups backups = new EmbeddedStoreBackups(new H2CommitsWrittenAtOnce() {
            @Override
            void backUpTo(Path zip) {
                writeHalf(zip);
            }
        }, dataDir, registry);

        EmbeddedStoreBackups.Backup taken = backups.take("olle");

        Path zip = dataDir.resolve("backups").resolve(taken.file());
        assertThat(filesIn(dataDir.resolve("backups"))).containsExactly(zip);
        double modified = Files.getLastModifiedTime(zip).toMillis() / 1000.0;
        assertThat(lastBackupGauge()).isEqualTo(modified);
        SimpleMeterRegistry afterARestart = new SimpleMeterRegistry();
        new EmbeddedStoreBackups(new H2CommitsWrittenAtOnce(), dataDir, afterARestart);
        assertThat(afterARestart.get("peerjournal.store.backup.last.timestamp").gauge().value()).isEqualTo(modified);
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
