package org.peerjournal.query.directory;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface ConflictEntryRepository extends JpaRepository<ConflictEntryRecord, UUID> {
}
