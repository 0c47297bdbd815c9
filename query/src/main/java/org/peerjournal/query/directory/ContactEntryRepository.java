package org.peerjournal.query.directory;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.UUID;

interface ContactEntryRepository extends JpaRepository<ContactEntryRecord, UUID> {

    /** The journal's last unretracted contact other than this note (the one being retracted). */
    @Query("select max(c.occurredAt) from ContactEntryRecord c where c.journalId = :journalId and c.retracted = false"
            + " and c.noteId <> :noteId")
    Instant lastContactOfExcept(UUID journalId, UUID noteId);
}
