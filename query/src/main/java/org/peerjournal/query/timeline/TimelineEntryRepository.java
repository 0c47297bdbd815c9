package org.peerjournal.query.timeline;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

/** The timeline's entries as the projection writes them; {@link TimelinePageReader} reads them. */
interface TimelineEntryRepository extends JpaRepository<TimelineEntryRecord, UUID> {
}
