package org.peerjournal.query.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.peerjournal.shared.audit.AccessLogEntry;

import java.time.Instant;
import java.util.UUID;

/**
 * One access to a journal: from a {@code JournalContentReadEvent} (keyed by the event), or one of the journals of
 * a {@code JournalsShownEvent} (keyed by the event and the journal, and naming the event in {@code shownByEvent}).
 * Read only: {@code AccessLogProjection} inserts the rows by JDBC.
 */
@Entity
@Immutable
@Table(name = "access_log")
class AccessLogRecord {

    @Id
    @Column(name = "event_id")
    private String eventId;
    @Column(name = "shown_by_event")
    private String shownByEvent;
    @Column(name = "journal_id", nullable = false)
    private UUID journalId;
    @Column(name = "read_at", nullable = false)
    private Instant readAt;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Column(name = "role", nullable = false)
    private String role;
    @Column(name = "team_id")
    private String teamId;
    @Column(name = "action", nullable = false)
    private String action;

    protected AccessLogRecord() {
    }

    AccessLogEntry toEntry() {
        return new AccessLogEntry(readAt, userId, role, teamId, action, journalId);
    }
}
