package org.peerjournal.shared.journal.event;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record JournalOpenedEvent(UUID journalId, String teamId, String patientRef, String displayName) {
}
