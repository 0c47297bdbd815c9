package org.peerjournal.app.store;

import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store runs with the settings application.yml and H2CommitsWrittenAtOnce give it. */
class H2SettingsIT extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void commitsAreWrittenAtOnceAndParsedStatementsKept() {
        assertThat(setting("WRITE_DELAY")).as("WRITE_DELAY").containsOnly("0");
        assertThat(setting("QUERY_CACHE_SIZE")).as("parsed statements kept per connection").containsOnly("64");
    }

    /** H2 lists some settings twice (as a database setting and as set by SQL): every row must say the same. */
    private List<String> setting(String name) {
        return jdbc.queryForList("select setting_value from information_schema.settings where setting_name = ?",
                String.class, name);
    }
}
