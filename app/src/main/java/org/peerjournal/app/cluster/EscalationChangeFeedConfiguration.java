package org.peerjournal.app.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.peerjournal.query.stream.EscalationChangeFeed;
import org.peerjournal.query.stream.LiveEscalationStreams;
import org.peerjournal.query.stream.LocalEscalationChangeFeed;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;

/**
 * How escalation changes reach the live streams: through PostgreSQL to every node sharing the database, or
 * straight to this node's streams on the embedded store, which only one node uses.
 */
@Configuration
class EscalationChangeFeedConfiguration {

    @Bean
    EscalationChangeFeed escalationChangeFeed(DataSource dataSource, JdbcTemplate jdbc, ObjectMapper json,
            LiveEscalationStreams streams) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        return product.toLowerCase().contains("postgres")
                ? new PostgresEscalationChangeFeed(jdbc, dataSource, json, streams)
                : new LocalEscalationChangeFeed(streams);
    }
}
