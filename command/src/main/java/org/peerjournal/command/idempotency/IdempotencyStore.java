package org.peerjournal.command.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * Remembers, per user and {@code Idempotency-Key}, the fingerprint of the request and the answer it got. Rows are
 * written in the transaction that stores the command's events, so "the events are stored" and "the key is
 * remembered" are one fact; a retry after a restart finds the answer.
 */
@Component
class IdempotencyStore {

    private final JdbcTemplate jdbc;

    IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RememberedAnswer> find(String userId, String key) {
        return jdbc.query("select request_fingerprint, result_json from idempotency_record"
                        + " where user_id = ? and idempotency_key = ?",
                (rs, row) -> new RememberedAnswer(rs.getString(1), rs.getString(2)), userId, key)
                .stream().findFirst();
    }

    void remember(String userId, String key, String fingerprint, String resultJson) {
        jdbc.update("insert into idempotency_record (user_id, idempotency_key, request_fingerprint, result_json,"
                + " created_at) values (?, ?, ?, ?, ?)", userId, key, fingerprint, resultJson,
                Timestamp.from(Instant.now()));
    }

    record RememberedAnswer(String fingerprint, String resultJson) {
    }
}
