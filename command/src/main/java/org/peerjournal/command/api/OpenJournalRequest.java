package org.peerjournal.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.peerjournal.shared.journal.JournalLimits;

record OpenJournalRequest(
        @NotBlank @Size(max = JournalLimits.NAME_MAX) String patientRef,
        @NotBlank @Size(max = JournalLimits.NAME_MAX) String displayName,
        @NotBlank @Size(max = JournalLimits.NAME_MAX) String teamId) {
}
