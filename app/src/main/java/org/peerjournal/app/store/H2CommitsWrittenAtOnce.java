package org.peerjournal.app.store;

import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * On H2, every commit is written to the file before it is acknowledged (WRITE_DELAY 0), so an acknowledged write
 * survives a crash ({@code CrashDurabilityIT}). H2 (2.3, and 2.4.240 too) applies that setting only when the statement
 * runs, not when it reopens a store where it was once made, and only an administrator may make it, which the
 * application's own account is not. So before migrating, the administrator's connection makes the setting on the store
 * it opens and stays open while the application runs: the store is never reopened without it. On PostgreSQL nothing to
 * do.
 *
 * <p>The same connection reaches the store's file ({@link #onTheFile}), which {@link H2FileCompaction} rewrites while
 * the service runs (with WRITE_DELAY 0, H2 runs none of its own background compaction), and packs it
 * ({@link #pack}) when {@link H2PackedWhenQuiet} finds the service quiet, and copies it for a backup
 * ({@link #backUpTo}, {@link EmbeddedStoreBackups}).
 */
@Component
class H2CommitsWrittenAtOnce implements FlywayMigrationStrategy, DisposableBean {

    /**
     * Held while a round works on the file, while the store is packed and while it is backed up: a round never meets a
     * closed store, and a backup never a file being moved or replaced.
     */
    private final ReentrantLock fileWork = new ReentrantLock();
    private DataSource administrator;
    /** Null while the store is closed for packing, or could not be opened again. */
    private volatile Connection keepsTheStoreOpen;

    @Override
    public void migrate(Flyway flyway) {
        try {
            DataSource migrations = flyway.getConfiguration().getDataSource();
            Connection connection = migrations.getConnection();
            if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
                writeEachCommitAtOnce(connection);
                administrator = migrations;
                keepsTheStoreOpen = connection;
            } else {
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make H2 write each commit at once", e);
        }
        flyway.migrate();
    }

    /**
     * Runs {@code work} on the embedded store's file layer, unless the store is being packed right now (the next
     * round does it then); nothing on PostgreSQL or before the migrations ran.
     */
    void onTheFile(Consumer<MVStore> work) {
        if (!fileWork.tryLock()) {
            return;
        }
        try {
            Connection connection = keepsTheStoreOpen;
            if (connection != null) {
                work.accept(mvStore(connection));
            }
        } finally {
            fileWork.unlock();
        }
    }

    /**
     * Packs the store as an operator's {@code SHUTDOWN COMPACT} does: H2 closes it, copies what is live into a new
     * file and puts that in the old one's place with an atomic rename (a crash leaves the old file or the new one,
     * and H2 removes a leftover copy when it next opens the store); then the administrator opens it again with
     * WRITE_DELAY 0. H2 closes the store under every other connection, so the caller makes sure none is in use and
     * that none is opened until this has returned ({@link H2PackedWhenQuiet} holds the application's pool).
     *
     * @return the file's size once packed and open again; empty, with nothing done, while a backup or a round works on
     *         the file (a backup may take minutes, and the caller holds every request meanwhile)
     * @throws SQLException if the store could not be packed (it is open again, written at once) or could not be
     *                      opened again with writes at once ({@link #isOpen()} false; {@link #reopen()} tries again)
     */
    OptionalLong pack() throws SQLException {
        if (!fileWork.tryLock()) {
            return OptionalLong.empty();
        }
        try {
            SQLException failure = null;
            Connection packing = keepsTheStoreOpen;
            keepsTheStoreOpen = null;
            try (packing; Statement statement = packing.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                failure = e;
            }
            // Also after a failure: the store may or may not have been closed, and is written at once either way.
            try {
                reopen();
            } catch (SQLException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                throw e;
            }
            if (failure != null) {
                throw failure;
            }
            return OptionalLong.of(mvStore(keepsTheStoreOpen).getFileStore().size());
        } finally {
            fileWork.unlock();
        }
    }

    /**
     * Copies the store into a zip file with H2's {@code BACKUP TO}, which the administrator may run while others
     * write: H2 stops reusing the file's free space while it copies, so every piece the copy holds stays as it was and
     * the copy opens as the store stood at a commit. Waits for a compaction round or a pack to finish first (either
     * would move or replace what is being copied) and keeps both off until the copy is done.
     *
     * @throws StoreNotOpen if the store could not be opened again after a pack
     */
    void backUpTo(Path zip) throws SQLException {
        fileWork.lock();
        try {
            Connection connection = keepsTheStoreOpen;
            if (connection == null) {
                throw new StoreNotOpen();
            }
            try (PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
                backup.setString(1, zip.toString());
                backup.execute();
            }
        } finally {
            fileWork.unlock();
        }
    }

    /** Whether the administrator's connection holds the store open, written at once. */
    boolean isOpen() {
        return keepsTheStoreOpen != null;
    }

    /** Opens the store again with WRITE_DELAY 0 after {@link #pack()} could not. */
    void reopen() throws SQLException {
        Connection connection = administrator.getConnection();
        try {
            writeEachCommitAtOnce(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        keepsTheStoreOpen = connection;
    }

    private static void writeEachCommitAtOnce(Connection administrator) throws SQLException {
        try (Statement statement = administrator.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        }
    }

    private static MVStore mvStore(Connection connection) {
        try {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return session.getDatabase().getStore().getMvStore();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reach the embedded H2 store", e);
        }
    }

    @Override
    public void destroy() throws SQLException {
        if (keepsTheStoreOpen != null) {
            keepsTheStoreOpen.close();
        }
    }
}
