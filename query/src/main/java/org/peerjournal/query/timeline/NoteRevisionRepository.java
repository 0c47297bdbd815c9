package org.peerjournal.query.timeline;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

interface NoteRevisionRepository extends JpaRepository<NoteRevisionRecord, NoteRevisionRecord.Key> {

    List<NoteRevisionRecord> findByNoteIdInOrderByRevisionAsc(Collection<UUID> noteIds);
}
