package org.peerjournal.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.peerjournal.shared.journal.JournalLimits;

record CorrectNoteRequest(
        @NotBlank @Size(max = JournalLimits.LONG_TEXT_MAX) String text,
        @NotBlank @Size(max = JournalLimits.SHORT_TEXT_MAX) String reason) {
}
