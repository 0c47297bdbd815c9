package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.query.projection.ReadModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replay's reset empties the projection's tables only if the reset itself (the replay tokens) commits: a reset
 * that rolls back leaves the projection as it was, on H2 (whose TRUNCATE commits by itself, so it waits for the
 * commit) and on PostgreSQL (where TRUNCATE is part of the transaction). ADR 0009.
 */
class ProjectionTablesIT {

    @TempDir
    Path dataDir;

    @Test
    void onH2TheTablesAreEmptiedOnlyOnceTheResetHasCommitted() throws Exception {
        assertClearFollowsTheReset(new DriverManagerDataSource("jdbc:h2:file:" + dataDir.resolve("store"), "sa", ""));
    }

    @Test
    void onPostgresqlTheTablesAreEmptiedWithTheResetOrNotAtAll() throws Exception {
        assertClearFollowsTheReset(EmbeddedPostgresStore.freshDataSource());
    }

    private static void assertClearFollowsTheReset(DataSource dataSource) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table projected_row (id integer primary key)");
        jdbc.execute("create table reset_marker (id integer primary key)");
        jdbc.update("insert into projected_row values (1), (2), (3)");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        ProjectionTables tables = new ProjectionTables(dataSource, transactions);
        TransactionTemplate reset = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> reset.executeWithoutResult(status -> {
            jdbc.update("insert into reset_marker values (1)");
            tables.clear(ReadModel.of("test", "projected_row"));
            throw new IllegalStateException("the token reset failed");
        })).hasMessage("the token reset failed");
        assertThat(count(jdbc, "projected_row")).as("rows after a failed reset").isEqualTo(3);
        assertThat(count(jdbc, "reset_marker")).as("the failed reset's own write").isZero();

        reset.executeWithoutResult(status -> {
            jdbc.update("insert into reset_marker values (2)");
            tables.clear(ReadModel.of("test", "projected_row"));
        });
        assertThat(count(jdbc, "projected_row")).as("rows after a reset").isZero();
        assertThat(count(jdbc, "reset_marker")).as("the reset's own write").isOne();
    }

    private static int count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
