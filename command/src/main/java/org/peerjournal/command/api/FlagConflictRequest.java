package org.peerjournal.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.journal.JournalLimits;

record FlagConflictRequest(
        @NotNull ConflictKind kind,
        @NotBlank @Size(max = JournalLimits.LONG_TEXT_MAX) String description,
        @NotBlank @Size(max = JournalLimits.SHORT_TEXT_MAX) String patientPerspective,
        @NotBlank @Size(max = JournalLimits.SHORT_TEXT_MAX) String staffPerspective,
        @NotNull Boolean supervisionRequested) {
}
