package org.peerjournal.query.directory;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

interface JournalDirectoryRepository extends JpaRepository<JournalDirectoryEntry, UUID> {

    List<JournalDirectoryEntry> findByTeamIdOrderByDisplayNameAsc(String teamId);

    List<JournalDirectoryEntry> findByPatientRefOrderByOpenedAtAsc(String patientRef);
}
