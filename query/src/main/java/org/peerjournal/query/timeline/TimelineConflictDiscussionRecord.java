package org.peerjournal.query.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.peerjournal.query.projection.InsertedRow;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.journal.query.TimelineEntry;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "timeline_conflict_discussion")
class TimelineConflictDiscussionRecord extends InsertedRow<UUID> {

    @Id
    @Column(name = "discussion_id")
    private UUID discussionId;
    @Column(name = "conflict_id", nullable = false)
    private UUID conflictId;
    @Enumerated(EnumType.STRING)
    @Column(name = "forum", nullable = false)
    private DiscussionForum forum;
    @Column(name = "summary", nullable = false, length = 4000)
    private String summary;
    @Column(name = "discussed_by", nullable = false)
    private String discussedBy;
    @Column(name = "discussed_at", nullable = false)
    private Instant discussedAt;
    /** The event's place in the journal's stream: orders discussions stored within the same millisecond. */
    @Column(name = "sequence_no", nullable = false)
    private long sequenceNo;

    protected TimelineConflictDiscussionRecord() {
    }

    @Override
    public UUID getId() {
        return discussionId;
    }

    TimelineConflictDiscussionRecord(UUID discussionId, UUID conflictId, DiscussionForum forum, String summary,
            String discussedBy, Instant discussedAt, long sequenceNo) {
        this.sequenceNo = sequenceNo;
        this.discussionId = discussionId;
        this.conflictId = conflictId;
        this.forum = forum;
        this.summary = summary;
        this.discussedBy = discussedBy;
        this.discussedAt = discussedAt;
    }

    UUID conflictId() {
        return conflictId;
    }

    TimelineEntry.Discussion toDiscussion() {
        return new TimelineEntry.Discussion(discussionId, forum, summary, discussedBy, discussedAt);
    }
}
