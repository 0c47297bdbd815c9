package org.peerjournal.app.store;

import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * On H2, every commit is written to the file before it is acknowledged (WRITE_DELAY 0), so an acknowledged write
 * survives a crash ({@code CrashDurabilityIT}). H2 (2.3, and 2.4.240 too) applies that setting only when the statement
 * runs, not when it reopens a store where it was once made, and only an administrator may make it, which the
 * application's own account is not. So before migrating, the administrator's connection makes the setting on the store
 * it opens and stays open while the application runs: the store is never reopened without it. On PostgreSQL nothing to
 * do.
 *
 * <p>The same connection hands out the store's file ({@link #mvStore()}), which {@link H2FileCompaction} rewrites
 * while the service runs: with WRITE_DELAY 0, H2 runs none of its own background compaction.
 */
@Component
class H2CommitsWrittenAtOnce implements FlywayMigrationStrategy, DisposableBean {

    private Connection keepsTheStoreOpen;

    @Override
    public void migrate(Flyway flyway) {
        try {
            Connection administrator = flyway.getConfiguration().getDataSource().getConnection();
            if ("H2".equals(administrator.getMetaData().getDatabaseProductName())) {
                try (Statement statement = administrator.createStatement()) {
                    statement.execute("SET WRITE_DELAY 0");
                }
                keepsTheStoreOpen = administrator;
            } else {
                administrator.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make H2 write each commit at once", e);
        }
        flyway.migrate();
    }

    /** The embedded store's file layer, or nothing on PostgreSQL (or before the migrations ran). */
    Optional<MVStore> mvStore() {
        if (keepsTheStoreOpen == null) {
            return Optional.empty();
        }
        try {
            SessionLocal session = (SessionLocal) keepsTheStoreOpen.unwrap(JdbcConnection.class).getSession();
            return Optional.of(session.getDatabase().getStore().getMvStore());
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
