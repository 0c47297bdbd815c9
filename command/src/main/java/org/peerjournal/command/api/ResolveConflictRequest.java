package org.peerjournal.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.peerjournal.shared.journal.JournalLimits;

record ResolveConflictRequest(@NotBlank @Size(max = JournalLimits.SHORT_TEXT_MAX) String resolution) {
}
