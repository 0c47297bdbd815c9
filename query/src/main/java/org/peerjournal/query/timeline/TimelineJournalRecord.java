package org.peerjournal.query.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** The timeline's own copy of a journal's header, so this projection can be rebuilt on its own. */
@Entity
@Table(name = "timeline_journal")
class TimelineJournalRecord {

    @Id
    @Column(name = "journal_id")
    private UUID journalId;
    @Column(name = "team_id", nullable = false)
    private String teamId;
    @Column(name = "display_name", nullable = false)
    private String displayName;

    protected TimelineJournalRecord() {
    }

    TimelineJournalRecord(UUID journalId, String teamId, String displayName) {
        this.journalId = journalId;
        this.teamId = teamId;
        this.displayName = displayName;
    }

    UUID journalId() {
        return journalId;
    }

    String teamId() {
        return teamId;
    }

    String displayName() {
        return displayName;
    }
}
