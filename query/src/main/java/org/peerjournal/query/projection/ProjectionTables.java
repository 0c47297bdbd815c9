package org.peerjournal.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.util.List;

/**
 * Empties a projection's tables for a replay, by {@code TRUNCATE}. A {@code DELETE} of every row took longer than
 * rebuilding the rows (figures in docs/benchmarks.md, "Projection replay speed"; ADR 0009).
 *
 * <p>PostgreSQL truncates inside the reset's transaction: the tables are emptied together with the tokens' reset or
 * not at all. H2's {@code TRUNCATE} commits the open transaction, so there the tables are truncated only after the
 * reset's transaction (the replay tokens) has committed, and before the processor starts again. Should the node stop
 * between the two, the replay meets the old rows, fails on their keys and shows the projection in ERROR: replaying
 * it again clears it. The other order would leave silently empty tables behind tokens that say "up to date".
 */
@Component
public class ProjectionTables {

    private final JdbcTemplate jdbc;
    private final boolean truncateIsTransactional;

    public ProjectionTables(JdbcTemplate jdbc, DataSource dataSource) throws Exception {
        this.jdbc = jdbc;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource,
                metaData -> metaData.getDatabaseProductName());
        this.truncateIsTransactional = product.toLowerCase().contains("postgres");
    }

    /** Empties the read model's tables, in their order, once the reset that asks for it stands. */
    public void clear(ReadModel readModel) {
        List<String> names = readModel.tables();
        if (truncateIsTransactional) {
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
