package org.peerjournal.query.timeline;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import java.util.UUID;

interface TimelineEntryRepository extends JpaRepository<TimelineEntryRecord, UUID>,
        JpaSpecificationExecutor<TimelineEntryRecord> {
}
