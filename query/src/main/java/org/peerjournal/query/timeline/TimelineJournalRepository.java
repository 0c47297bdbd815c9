package org.peerjournal.query.timeline;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface TimelineJournalRepository extends JpaRepository<TimelineJournalRecord, UUID> {
}
