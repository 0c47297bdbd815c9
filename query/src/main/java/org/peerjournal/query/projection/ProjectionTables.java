package org.peerjournal.query.projection;

import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.function.Function;

/**
 * The database a projection's tables and its processor's tokens live in: the application's store for every
 * projection but one, and on the embedded H2 store the access log's own file (ADR 0019). It empties a read model's
 * tables for a replay and reads them together with the tokens in one snapshot.
 *
 * <p>Tables are emptied by {@code TRUNCATE}: a {@code DELETE} of every row took longer than rebuilding the rows
 * (figures in docs/benchmarks.md, "Projection replay speed"; ADR 0009). PostgreSQL truncates inside the reset's
 * transaction: the tables are emptied together with the tokens' reset or not at all. H2's {@code TRUNCATE} commits
 * the open transaction, so there the tables are truncated only after the reset's transaction (the replay tokens) has
 * committed, and before the processor starts again. Should the node stop between the two, the replay meets the old
 * rows, fails on their keys and shows the projection in ERROR: replaying it again clears it. The other order would
 * leave silently empty tables behind tokens that say "up to date".
 */
@Primary
@Component
public class ProjectionTables {

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final TransactionTemplate snapshot;

    public ProjectionTables(DataSource dataSource, PlatformTransactionManager transactions) throws Exception {
        this.jdbc = new JdbcTemplate(dataSource);
        String product = JdbcUtils.extractDatabaseMetaData(dataSource,
                metaData -> metaData.getDatabaseProductName());
        this.postgres = product.toLowerCase().contains("postgres");
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        // One snapshot of the whole database for the transaction: PostgreSQL's REPEATABLE READ gives it; H2's
        // takes a snapshot per table at first read, its SERIALIZABLE one of every table.
        this.snapshot.setIsolationLevel(postgres ? TransactionDefinition.ISOLATION_REPEATABLE_READ
                : TransactionDefinition.ISOLATION_SERIALIZABLE);
    }

    /** The tables' database. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Reads in one read-only snapshot of the tables' database: the tokens and the rows of the same moment. */
    public <T> T inSnapshot(Function<JdbcTemplate, T> reads) {
        return snapshot.execute(status -> reads.apply(jdbc));
    }

    /** Empties the read model's tables, in their order, once the reset that asks for it stands. */
    public void clear(ReadModel readModel) {
        List<String> names = readModel.tables();
        if (postgres) {
            jdbc.execute("truncate table " + String.join(", ", names));
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    truncateEach(names);
                }
            });
        } else {
            truncateEach(names);
        }
    }

    private void truncateEach(List<String> names) {
        names.forEach(table -> jdbc.execute("truncate table " + table));
    }
}
