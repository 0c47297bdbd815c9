package org.peerjournal.query.audit.access.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.peerjournal.shared.audit.FindingConclusion;
import org.peerjournal.shared.journal.JournalLimits;

/** An auditor's conclusion on a finding, and why: the review is documented by the note. */
record ConclusionRequest(@NotNull FindingConclusion conclusion,
        @NotBlank @Size(max = JournalLimits.SHORT_TEXT_MAX) String note) {
}
