package org.peerjournal.query.audit.access.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.peerjournal.query.api.TimeWindow;
import org.peerjournal.query.audit.AccessAction;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.query.audit.JournalHistory;
import org.peerjournal.query.audit.access.AccessExtract;
import org.peerjournal.query.audit.access.AccessExtractRenderer;
import org.peerjournal.query.audit.access.AccessFinding;
import org.peerjournal.query.audit.access.AccessReview;
import org.peerjournal.query.audit.access.AccessReviewProperties;
import org.peerjournal.query.audit.access.AccessReviewRules;
import org.peerjournal.query.audit.access.CompleteAccessLog;
import org.peerjournal.query.audit.access.FindingConclusions;
import org.peerjournal.query.audit.access.JournalCareFacts;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.audit.AccessLogPage;
import org.peerjournal.shared.audit.FindAccessLogQuery;
import org.peerjournal.shared.audit.FindAccessesQuery;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.error.CompleteOrRefused;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.query.FindJournalsByPatientRefQuery;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The patient's access extract and the systematic access review (AUDITOR). The extract names the patient and is
 * itself access-logged; the review shows journal ids, users and times only (pseudonymous, like the contact report)
 * and is not.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
class AccessAuditController {

    private final QueryGateway queryGateway;
    private final AccessLog accessLog;
    private final JournalHistory history;
    private final FindingConclusions conclusions;
    private final AccessReviewProperties rules;
    private final CurrentActor currentActor;
    private final CompleteAccessLog complete;

    AccessAuditController(QueryGateway queryGateway, AccessLog accessLog, JournalHistory history,
            FindingConclusions conclusions, AccessReviewProperties rules, CurrentActor currentActor,
            CompleteAccessLog complete) {
        this.queryGateway = queryGateway;
        this.accessLog = accessLog;
        this.history = history;
        this.conclusions = conclusions;
        this.rules = rules;
        this.currentActor = currentActor;
        this.complete = complete;
    }

    @CompleteOrRefused
    @GetMapping(path = "/access-extract", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every access in [from, to) to every journal of the patient, in any team, oldest first")
    AccessExtract extract(@RequestParam @NotBlank @Size(max = JournalLimits.NAME_MAX) String patientRef,
            @RequestParam Instant from, @RequestParam Instant to) {
        TimeWindow.requireBounded(from, to);
        Actor auditor = currentActor.get();
        complete.awaitEverythingStored();
        List<JournalSummary> journals = queryGateway.query(new FindJournalsByPatientRefQuery(patientRef),
                ResponseTypes.multipleInstancesOf(JournalSummary.class)).join();
        accessLog.record(auditor, AccessAction.AUDIT_ACCESS_EXTRACT, journals.stream()
                .map(journal -> new JournalsShownEvent.Shown(journal.journalId(), journal.teamId())).toList());
        List<AccessExtract.Access> accesses = journals.stream()
                .flatMap(journal -> accessesOf(journal.journalId(), from, to).stream())
                .map(entry -> new AccessExtract.Access(entry.at(), entry.journalId(), entry.teamId(), entry.userId(),
                        entry.role(), entry.action()))
                .sorted(Comparator.comparing(AccessExtract.Access::at)).toList();
        return new AccessExtract(patientRef, from, to, now(), auditor.userId(),
                journals.stream().map(j -> new AccessExtract.Journal(j.journalId(), j.teamId(), j.openedAt()))
                        .toList(), accesses);
    }

    @CompleteOrRefused
    @GetMapping(path = "/access-extract", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The access extract as a printable HTML page for the patient")
    String extractHtml(@RequestParam @NotBlank @Size(max = JournalLimits.NAME_MAX) String patientRef,
            @RequestParam Instant from, @RequestParam Instant to) {
        return AccessExtractRenderer.html(extract(patientRef, from, to));
    }

    @CompleteOrRefused
    @GetMapping(path = "/access-review", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The findings of the access review rules over [from, to), with their conclusions")
    AccessReview review(@RequestParam Instant from, @RequestParam Instant to) {
        TimeWindow.requireBounded(from, to);
        List<AccessFinding> findings = findings(from, to).stream()
                .map(finding -> conclusions.of(finding.findingId()).map(finding::withConclusion).orElse(finding))
                .toList();
        return new AccessReview(from, to, now(), currentActor.get().userId(), AccessReview.describe(rules), findings);
    }

    @CompleteOrRefused
    @PostMapping(path = "/access-review/findings/{findingId}/conclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record the conclusion of reviewing a finding (once per finding; a second one is 409)")
    AccessFinding conclude(@PathVariable String findingId, @Valid @RequestBody ConclusionRequest request) {
        AccessFinding finding = findingWithId(findingId);
        return finding.withConclusion(conclusions.conclude(currentActor.get(), finding, request.conclusion(),
                request.note()));
    }

    /** Recomputes the findings of the day the id stems from; an id no review of that day shows is not found. */
    private AccessFinding findingWithId(String findingId) {
        LocalDate day;
        try {
            day = AccessReviewRules.dayOf(findingId);
        } catch (DateTimeParseException | IndexOutOfBoundsException malformed) {
            throw unknownFinding(findingId);
        }
        Instant from = day.atStartOfDay(rules.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(rules.zone()).toInstant();
        return findings(from, to).stream().filter(finding -> finding.findingId().equals(findingId)).findFirst()
                .orElseThrow(() -> unknownFinding(findingId));
    }

    private List<AccessFinding> findings(Instant from, Instant to) {
        complete.awaitEverythingStored();
        List<AccessLogEntry> accesses = queryGateway.query(new FindAccessesQuery(from, to),
                ResponseTypes.multipleInstancesOf(AccessLogEntry.class)).join();
        Map<UUID, JournalCareFacts> facts = new HashMap<>();
        return new AccessReviewRules(rules).findings(accesses,
                journalId -> facts.computeIfAbsent(journalId, id -> JournalCareFacts.of(history.eventsOf(id))));
    }

    private List<AccessLogEntry> accessesOf(UUID journalId, Instant from, Instant to) {
        // Unpaged: an extract must hold every access in its window.
        return queryGateway.query(new FindAccessLogQuery(journalId, from, to, null),
                ResponseTypes.instanceOf(AccessLogPage.class)).join().items();
    }

    private static EntryNotFoundException unknownFinding(String findingId) {
        return new EntryNotFoundException("No finding " + findingId);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
