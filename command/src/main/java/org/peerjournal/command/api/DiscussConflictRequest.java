package org.peerjournal.command.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.journal.JournalLimits;

record DiscussConflictRequest(
        @NotNull DiscussionForum forum,
        @NotBlank @Size(max = JournalLimits.SHORT_TEXT_MAX) String summary) {
}
