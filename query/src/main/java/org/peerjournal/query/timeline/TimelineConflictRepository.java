package org.peerjournal.query.timeline;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

interface TimelineConflictRepository extends JpaRepository<TimelineConflictRecord, UUID> {

    List<TimelineConflictRecord> findByEntryIdIn(Collection<UUID> entryIds);
}
