package org.peerjournal.app.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.peerjournal.query.stream.EscalationChangeFeed;
import org.peerjournal.query.stream.LiveEscalationStreams;
import org.peerjournal.shared.escalation.EscalationView;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The escalation changes of all nodes, through PostgreSQL's {@code LISTEN/NOTIFY}: whichever node projects a change
 * sends it with {@code pg_notify} inside the projection's transaction, so PostgreSQL delivers it once that
 * transaction commits, and only then, to every listening node. Each node listens on one connection of its own and
 * hands what arrives to its live streams.
 *
 * <p>Should the listening connection fail, changes sent meanwhile are not delivered to this node: its streams are
 * then ended, so clients reconnect and read the queue afresh instead of trusting a stream with a hole in it.
 */
class PostgresEscalationChangeFeed implements EscalationChangeFeed, SmartLifecycle {

    static final String CHANNEL = "peerjournal_escalation_changes";

    private static final Logger log = LoggerFactory.getLogger(PostgresEscalationChangeFeed.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final LiveEscalationStreams streams;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    PostgresEscalationChangeFeed(JdbcTemplate jdbc, DataSource dataSource, ObjectMapper json,
            LiveEscalationStreams streams) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
        this.streams = streams;
    }

    @Override
    public void publish(EscalationView change) {
        try {
            // Runs on the projection's transaction: PostgreSQL sends it at commit, never after a rollback.
            jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, json.writeValueAsString(change));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Escalation change not serializable", e);
        }
    }

    /** Whether this node is listening now (changes sent while it is not are not delivered to it). */
    boolean isListening() {
        return listening;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                listening = true;
                try {
                    receive(connection.unwrap(PGConnection.class));
                } finally {
                    listening = false;
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("unlisten *");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening for escalation changes failed ({}); ending this node's live streams and"
                            + " listening again in {}", e.getMessage(), RECONNECT_AFTER);
                    streams.closeAll();
                    LockSupport.parkNanos(RECONNECT_AFTER.toNanos());
                }
            }
        }
    }

    private void receive(PGConnection connection) throws SQLException {
        while (running) {
            PGNotification[] notifications = connection.getNotifications(WAIT_MILLIS);
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                streams.publish(parse(notification.getParameter()));
            }
        }
    }

    private EscalationView parse(String payload) {
        try {
            return json.readValue(payload, EscalationView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable escalation change", e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        listener = new Thread(this::listen, "escalation-change-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        try {
            listener.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
