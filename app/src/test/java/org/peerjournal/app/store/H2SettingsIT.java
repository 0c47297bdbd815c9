package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store runs with the settings application.yml and H2CommitsWrittenAtOnce give it. */
class H2SettingsIT extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSourceProperties dataSource;
    @Value("${peerjournal.data-dir}")
    String dataDir;

    @Test
    void commitsAreWrittenAtOnceAndParsedStatementsKept() {
        assertThat(setting("WRITE_DELAY")).as("WRITE_DELAY").containsOnly("0");
        assertThat(setting("QUERY_CACHE_SIZE")).as("parsed statements kept per connection").containsOnly("64");
    }

    /**
     * A thread interrupted while H2 writes its commit to the file (Axon interrupts work past its timeout) loses
     * nothing and closes nothing: on the plain file layer Java closes the channel and H2 the whole store, for every
     * connection. Tried on a store of its own opened with the service's URL, so that a regression cannot close the
     * store the other tests share.
     */
    @Test
    void aThreadInterruptedWhileCommittingLeavesTheStoreOpen(@TempDir Path elsewhere) throws Exception {
        String url = dataSource.getUrl().replace(dataDir, elsewhere.toString());
        assertThat(url).as("the service's URL, moved").contains(elsewhere.toString());
        try (Connection keepsItOpen = DriverManager.getConnection(url, "sa", "");
                Statement statement = keepsItOpen.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
            statement.execute("create table note (text varchar(100))");
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread interrupted = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                    connection.setAutoCommit(false);
                    connection.createStatement().execute("insert into note values ('committed while interrupted')");
                    Thread.currentThread().interrupt();
                    connection.commit();
                } catch (SQLException e) {
                    failure.set(e);
                }
            });
            interrupted.start();
            interrupted.join(Duration.ofSeconds(30).toMillis());

            assertThat(interrupted.isAlive()).as("the interrupted commit has returned").isFalse();
            assertThat(failure.get()).as("the interrupted commit").isNull();
            statement.execute("insert into note values ('after')");
            try (ResultSet count = statement.executeQuery("select count(*) from note")) {
                count.next();
                assertThat(count.getLong(1)).isEqualTo(2);
            }
        }
    }

    /**
     * {@code retry:} changes how H2 reaches the file, not what it writes: a store written before the URL had it (or
     * copied by an operator who leaves it out) opens under either URL with its rows.
     */
    @Test
    void aStoreWrittenWithoutRetryOpensWithItAndTheOtherWayRound(@TempDir Path elsewhere) throws Exception {
        String retry = dataSource.getUrl().replace(dataDir, elsewhere.toString());
        assertThat(retry).as("the service's URL").startsWith("jdbc:h2:retry:file:");
        String plain = retry.replace("jdbc:h2:retry:file:", "jdbc:h2:file:");
        execute(plain, "create table note (text varchar(100))", "insert into note values ('written without retry')");
        execute(retry, "insert into note values ('written with retry')");
        execute(plain, "insert into note values ('and without again')");

        try (Connection connection = DriverManager.getConnection(retry, "sa", "");
                ResultSet count = connection.createStatement().executeQuery("select count(*) from note")) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(3);
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Why {@code H2CommitsWrittenAtOnce} keeps the administrator's connection open: H2 keeps WRITE_DELAY 0 as the
     * database's setting, but a store reopened without the statement runs with the default delay again.
     */
    @Test
    void writeDelayZeroIsNotAppliedAgainWhenAStoreIsReopened(@TempDir Path elsewhere) throws Exception {
        String url = dataSource.getUrl().replace(dataDir, elsewhere.toString());
        execute(url, "SET WRITE_DELAY 0");

        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
                ResultSet values = reopened.createStatement().executeQuery("select setting_value from"
                        + " information_schema.settings where setting_name = 'WRITE_DELAY'")) {
            List<String> delays = new ArrayList<>();
            while (values.next()) {
                delays.add(values.getString(1));
            }
            assertThat(delays).as("WRITE_DELAY after reopening").contains("0").anyMatch(delay -> !delay.equals("0"));
        }
    }

    /** H2 lists some settings twice (as a database setting and as set by SQL): every row must say the same. */
    private List<String> setting(String name) {
        return jdbc.queryForList("select setting_value from information_schema.settings where setting_name = ?",
                String.class, name);
    }
}
