package org.peerjournal.query.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.audit.AccessLogEntry;

import java.time.Instant;
import java.util.UUID;

/**
 * One access to a journal: from a {@code JournalContentReadEvent} (keyed by the event), or one of the journals of
 * a {@code JournalsShownEvent} (keyed by the event and the journal, and naming the event in {@code shownByEvent}).
 */
@Entity
@Table(name = "access_log")
class AccessLogRecord extends InsertedRow<String> {

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

    @Override
    public String getId() {
        return eventId;
    }

    AccessLogRecord(String eventId, String shownByEvent, UUID journalId, Instant readAt, String userId, String role,
            String teamId, String action) {
        this.eventId = eventId;
        this.shownByEvent = shownByEvent;
        this.journalId = journalId;
        this.readAt = readAt;
        this.userId = userId;
        this.role = role;
        this.teamId = teamId;
        this.action = action;
    }

    AccessLogEntry toEntry() {
        return new AccessLogEntry(readAt, userId, role, teamId, action, journalId);
    }
}
