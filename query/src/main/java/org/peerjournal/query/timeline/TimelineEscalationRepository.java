package org.peerjournal.query.timeline;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

interface TimelineEscalationRepository extends JpaRepository<TimelineEscalationRecord, UUID> {

    List<TimelineEscalationRecord> findByEntryIdIn(Collection<UUID> entryIds);
}
