package org.peerjournal.query.directory;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

interface JournalDirectoryRepository extends JpaRepository<JournalDirectoryRecord, UUID> {

    /** By display name; the id orders namesakes, so pages neither repeat nor skip a journal. */
    Slice<JournalDirectoryRecord> findByTeamIdOrderByDisplayNameAscJournalIdAsc(String teamId, Pageable page);

    List<JournalDirectoryRecord> findByPatientRefOrderByOpenedAtAsc(String patientRef);
}
