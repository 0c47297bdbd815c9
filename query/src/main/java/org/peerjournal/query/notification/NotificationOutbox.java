package org.peerjournal.query.notification;

import org.peerjournal.shared.escalation.EscalationSeverity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Notifications waiting to leave, stored in the database in the same transaction as the event processor's token:
 * a crash neither loses one nor queues one twice. The dispatcher delivers them with retries.
 *
 * <p>With several nodes, each claims the due rows it delivers: {@code FOR UPDATE SKIP LOCKED} hands each row to
 * one node, which moves the row's next attempt past a lease before it lets go of the lock. Another node takes a
 * row up only once that lease has passed, i.e. if the claiming node died before recording the outcome.
 */
@Component
class NotificationOutbox {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    NotificationOutbox(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    void add(EscalationNotification notification, long sequenceNo) {
        jdbc.update("insert into notification_outbox (notification_id, escalation_id, journal_id, team_id, severity,"
                        + " state, occurred_at, created_at, sequence_no, status, attempts, next_attempt_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                notification.notificationId(), notification.escalationId(), notification.journalId(),
                notification.teamId(), notification.severity().name(), notification.state(),
                Timestamp.from(notification.occurredAt()), Timestamp.from(Instant.now()), sequenceNo, PENDING,
                Timestamp.from(Instant.now()));
    }

    /** Claims up to {@code limit} due notifications for this node until {@code leaseUntil}. */
    List<PendingNotification> claimDue(Instant now, int limit, Instant leaseUntil) {
        return transaction.execute(status -> {
            List<PendingNotification> claimed = due(now, limit);
            for (PendingNotification pending : claimed) {
                jdbc.update("update notification_outbox set next_attempt_at = ? where notification_id = ?",
                        Timestamp.from(leaseUntil), pending.notification().notificationId());
            }
            return claimed;
        });
    }

    private List<PendingNotification> due(Instant now, int limit) {
        return jdbc.query("select notification_id, escalation_id, journal_id, team_id, severity, state, occurred_at,"
                        + " attempts from notification_outbox where status = ? and next_attempt_at <= ?"
                        + " order by created_at, sequence_no fetch first ? rows only for update skip locked",
                (rs, row) -> new PendingNotification(new EscalationNotification(
                        rs.getObject("notification_id", UUID.class), rs.getObject("escalation_id", UUID.class),
                        rs.getObject("journal_id", UUID.class), rs.getString("team_id"),
                        EscalationSeverity.valueOf(rs.getString("severity")),
                        rs.getString("state"), rs.getTimestamp("occurred_at").toInstant()), rs.getInt("attempts")),
                PENDING, Timestamp.from(now), limit);
    }

    void delivered(UUID notificationId, Instant at) {
        jdbc.update("update notification_outbox set status = ?, attempts = attempts + 1, delivered_at = ?,"
                + " last_error = null where notification_id = ?", DELIVERED, Timestamp.from(at), notificationId);
    }

    void retryLater(UUID notificationId, Instant nextAttempt, String error) {
        jdbc.update("update notification_outbox set attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                + " where notification_id = ?", Timestamp.from(nextAttempt), truncate(error), notificationId);
    }

    void failed(UUID notificationId, String error) {
        jdbc.update("update notification_outbox set status = ?, attempts = attempts + 1, last_error = ?"
                + " where notification_id = ?", FAILED, truncate(error), notificationId);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    record PendingNotification(EscalationNotification notification, int attempts) {
    }
}
