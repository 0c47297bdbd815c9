package org.peerjournal.app.store;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.peerjournal.query.projection.ProjectionTables;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.util.Map;

/**
 * The embedded store's access log: its read model and its processor's tokens in an H2 file of their own (ADR 0019).
 *
 * <p>Why: H2 writes every page changed since its last commit at whichever commit comes next, and the access log is
 * written for every logged read. In the application's file, each logged read's own commit (its read event) wrote the
 * access log's pages of the reads before it: a logged overview took four to five times as long as an unlogged one.
 * Here the access log's writes are this file's.
 *
 * <p>Durable enough by construction, with H2's own write delay: the processor commits the rows together with its
 * token, so a crash loses at most the last moments of both, and the processor handles those events again from the
 * application's store, where every read event was on the disk before its answer was served. For the same reason a
 * lost or deleted file is no loss: a new one starts without a token, and the processor rebuilds every row.
 *
 * <p>Migrated by the store's administrator (as the application's store is); the application connects as its own
 * account.
 */
final class AccessLogFile implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final ProjectionTables tables;
    private final DataSourceTransactionManager transactions;

    AccessLogFile(String url, Account administrator, Account application) throws Exception {
        Flyway.configure()
                .dataSource(url, administrator.user(), administrator.password())
                .locations("classpath:db/access-log")
                .placeholders(Map.of("appuser", application.user(), "apppassword", application.password()))
                .callbacks(new AppAccountGrants(application.user()))
                .load()
                .migrate();
        dataSource = new HikariDataSource();
        dataSource.setPoolName("access-log");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(application.user());
        dataSource.setPassword(application.password());
        dataSource.setMaximumPoolSize(4);
        transactions = new DataSourceTransactionManager(dataSource);
        tables = new ProjectionTables(dataSource, transactions);
    }

    DataSource dataSource() {
        return dataSource;
    }

    DataSourceTransactionManager transactions() {
        return transactions;
    }

    ProjectionTables tables() {
        return tables;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    record Account(String user, String password) {
    }
}
