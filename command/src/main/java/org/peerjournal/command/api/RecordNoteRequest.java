package org.peerjournal.command.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.JournalLimits;

import java.time.Instant;

record RecordNoteRequest(
        @NotNull ContactType contactType,
        @NotNull Instant occurredAt,
        @NotNull @Min(JournalLimits.MIN_DURATION_MINUTES) @Max(JournalLimits.MAX_DURATION_MINUTES)
        Integer durationMinutes,
        @NotBlank @Size(max = JournalLimits.LONG_TEXT_MAX) String text) {
}
