package org.peerjournal.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.journal.JournalLimits;

import java.util.List;

/**
 * @param staffAlreadyInformed who the PSW already told in person (names or roles), at most 20 entries
 */
record RaiseEscalationRequest(
        @NotNull EscalationCategory category,
        @NotNull EscalationSeverity severity,
        @NotBlank @Size(max = JournalLimits.LONG_TEXT_MAX) String description,
        @NotNull Boolean patientInformed,
        @Size(max = 20) List<@NotBlank @Size(max = JournalLimits.NAME_MAX) @Pattern(regexp = "\\P{Cntrl}*",
                message = "must not contain line breaks or control characters") String> staffAlreadyInformed) {

    List<String> staffAlreadyInformedOrNone() {
        return staffAlreadyInformed == null ? List.of() : staffAlreadyInformed;
    }
}
