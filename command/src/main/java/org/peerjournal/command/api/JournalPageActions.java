package org.peerjournal.command.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.peerjournal.command.journal.JournalMembership;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.web.PageController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.UUID;

/**
 * The web app's forms that write: each binds the API's request record, validated by the same constraints, and
 * calls the API controller's own method, so a page records exactly what the API would (same command, same actor,
 * same rules). Each form carries a fresh submission id sent as the Idempotency-Key: a double click records once.
 */
@Controller
@PageController
@Hidden // pages, not part of the API's description
@RequestMapping("/app/journals")
class JournalPageActions {

    private static final String SUBMISSION = "submission";

    private final JournalCommandController journals;
    private final EscalationCommandController escalations;
    private final LoyaltyConflictCommandController conflicts;
    private final PageForms forms;
    private final JournalMembership membership;
    private final CurrentActor currentActor;

    JournalPageActions(JournalCommandController journals, EscalationCommandController escalations,
            LoyaltyConflictCommandController conflicts, PageForms forms, JournalMembership membership,
            CurrentActor currentActor) {
        this.journals = journals;
        this.escalations = escalations;
        this.conflicts = conflicts;
        this.forms = forms;
        this.membership = membership;
        this.currentActor = currentActor;
    }

    @GetMapping("/{journalId}/notes/new")
    String noteForm(@PathVariable UUID journalId, Model model) {
        model.addAttribute("contactTypes", ContactType.values());
        return form(journalId, model, "note-form");
    }

    @GetMapping("/{journalId}/escalations/new")
    String escalationForm(@PathVariable UUID journalId, Model model) {
        model.addAttribute("categories", EscalationCategory.values());
        model.addAttribute("severities", EscalationSeverity.values());
        return form(journalId, model, "escalation-form");
    }

    @GetMapping("/{journalId}/loyalty-conflicts/new")
    String conflictForm(@PathVariable UUID journalId, Model model) {
        model.addAttribute("kinds", ConflictKind.values());
        return form(journalId, model, "conflict-form");
    }

    @PostMapping
    String openJournal(@Valid @ModelAttribute("journal") OpenJournalRequest journal, BindingResult binding,
            @RequestParam(name = SUBMISSION, required = false) String submission, HttpServletRequest request,
            RedirectAttributes redirect) {
        return forms.submit("journal", binding, request, redirect, "/app/journals", "/app/journals",
                "notice.journalOpened", () -> journals.openJournal(journal, submission));
    }

    @PostMapping("/{journalId}/notes")
    String recordNote(@PathVariable UUID journalId, @Valid @ModelAttribute("note") RecordNoteRequest note,
            BindingResult binding, @RequestParam(name = SUBMISSION, required = false) String submission,
            HttpServletRequest request, RedirectAttributes redirect) {
        return forms.submit("note", binding, request, redirect, journal(journalId) + "/notes/new",
                journal(journalId), "notice.noteRecorded", () -> journals.recordNote(journalId, note, submission));
    }

    @PostMapping("/{journalId}/notes/{noteId}/corrections")
    String correctNote(@PathVariable UUID journalId, @PathVariable UUID noteId,
            @Valid @ModelAttribute("correction") CorrectNoteRequest correction, BindingResult binding,
            @RequestParam(name = SUBMISSION, required = false) String submission, HttpServletRequest request,
            RedirectAttributes redirect) {
        return forms.submit("correct-" + noteId, binding, request, redirect, journal(journalId),
                journal(journalId), "notice.noteCorrected",
                () -> journals.correctNote(journalId, noteId, correction, submission));
    }

    @PostMapping("/{journalId}/notes/{noteId}/retraction")
    String retractNote(@PathVariable UUID journalId, @PathVariable UUID noteId,
            @Valid @ModelAttribute("retraction") RetractNoteRequest retraction, BindingResult binding,
            @RequestParam(name = SUBMISSION, required = false) String submission, HttpServletRequest request,
            RedirectAttributes redirect) {
        return forms.submit("retract-" + noteId, binding, request, redirect, journal(journalId),
                journal(journalId), "notice.noteRetracted",
                () -> journals.retractNote(journalId, noteId, retraction, submission));
    }

    @PostMapping("/{journalId}/escalations")
    String raiseEscalation(@PathVariable UUID journalId,
            @Valid @ModelAttribute("escalation") RaiseEscalationRequest escalation, BindingResult binding,
            @RequestParam(name = SUBMISSION, required = false) String submission, HttpServletRequest request,
            RedirectAttributes redirect) {
        return forms.submit("escalation", binding, request, redirect, journal(journalId) + "/escalations/new",
                journal(journalId), "notice.escalationRaised",
                () -> escalations.raise(journalId, escalation, submission));
    }

    @PostMapping("/{journalId}/escalations/{escalationId}/acknowledgement")
    String acknowledge(@PathVariable UUID journalId, @PathVariable UUID escalationId,
            @Valid @ModelAttribute("acknowledgement") AcknowledgeEscalationRequest acknowledgement,
            BindingResult binding, @RequestParam(name = SUBMISSION, required = false) String submission,
            HttpServletRequest request, RedirectAttributes redirect) {
        return forms.submit("acknowledge-" + escalationId, binding, request, redirect, "/app/escalations",
                "/app/escalations", "notice.escalationAcknowledged",
                () -> escalations.acknowledge(journalId, escalationId, acknowledgement, submission));
    }

    @PostMapping("/{journalId}/escalations/{escalationId}/resolution")
    String resolveEscalation(@PathVariable UUID journalId, @PathVariable UUID escalationId,
            @Valid @ModelAttribute("resolution") ResolveEscalationRequest resolution, BindingResult binding,
            @RequestParam(name = SUBMISSION, required = false) String submission, HttpServletRequest request,
            RedirectAttributes redirect) {
        return forms.submit("resolve-" + escalationId, binding, request, redirect, "/app/escalations",
                "/app/escalations", "notice.escalationResolved",
                () -> escalations.resolve(journalId, escalationId, resolution, submission));
    }

    @PostMapping("/{journalId}/loyalty-conflicts")
    String flagConflict(@PathVariable UUID journalId, @Valid @ModelAttribute("conflict") FlagConflictRequest conflict,
            BindingResult binding, @RequestParam(name = SUBMISSION, required = false) String submission,
            HttpServletRequest request, RedirectAttributes redirect) {
        return forms.submit("conflict", binding, request, redirect, journal(journalId) + "/loyalty-conflicts/new",
                journal(journalId), "notice.conflictFlagged", () -> conflicts.flag(journalId, conflict, submission));
    }

    @PostMapping("/{journalId}/loyalty-conflicts/{conflictId}/discussions")
    String discussConflict(@PathVariable UUID journalId, @PathVariable UUID conflictId,
            @Valid @ModelAttribute("discussion") DiscussConflictRequest discussion, BindingResult binding,
            @RequestParam(name = SUBMISSION, required = false) String submission, HttpServletRequest request,
            RedirectAttributes redirect) {
        return forms.submit("discuss-" + conflictId, binding, request, redirect, journal(journalId),
                journal(journalId), "notice.conflictDiscussed",
                () -> conflicts.discuss(journalId, conflictId, discussion, submission));
    }

    @PostMapping("/{journalId}/loyalty-conflicts/{conflictId}/resolution")
    String resolveConflict(@PathVariable UUID journalId, @PathVariable UUID conflictId,
            @Valid @ModelAttribute("conflictResolution") ResolveConflictRequest resolution, BindingResult binding,
            @RequestParam(name = SUBMISSION, required = false) String submission, HttpServletRequest request,
            RedirectAttributes redirect) {
        return forms.submit("resolveConflict-" + conflictId, binding, request, redirect, journal(journalId),
                journal(journalId), "notice.conflictResolved",
                () -> conflicts.resolve(journalId, conflictId, resolution, submission));
    }

    /** A new-entry form opens only for a member of the journal's team: anyone else gets "not found". */
    private String form(UUID journalId, Model model, String view) {
        membership.requireMember(currentActor.get(), journalId);
        model.addAttribute("journalId", journalId);
        model.addAttribute(SUBMISSION, UUID.randomUUID());
        return view;
    }

    private static String journal(UUID journalId) {
        return "/app/journals/" + journalId;
    }
}
