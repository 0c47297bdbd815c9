package org.peerjournal.query.timeline;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

interface TimelineConflictDiscussionRepository extends JpaRepository<TimelineConflictDiscussionRecord, UUID> {

    List<TimelineConflictDiscussionRecord> findByConflictIdInOrderByDiscussedAtAscSequenceNoAsc(Collection<UUID> conflictIds);
}
