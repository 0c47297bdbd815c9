package org.peerjournal.query.directory;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.UUID;

interface ContactEntryRepository extends JpaRepository<ContactEntry, UUID> {

    @Query("select max(c.occurredAt) from ContactEntry c where c.journalId = :journalId and c.retracted = false")
    Instant lastContactOf(UUID journalId);
}
