package org.peerjournal.query.audit.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.peerjournal.query.api.PagedAnswer;
import org.peerjournal.query.api.TimeWindow;
import org.peerjournal.query.audit.AccessAction;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.query.audit.AsOfTimelineBuilder;
import org.peerjournal.query.audit.EventHistoryPage;
import org.peerjournal.query.audit.IncidentReport;
import org.peerjournal.query.audit.IncidentReportBuilder;
import org.peerjournal.query.audit.IncidentReportRenderer;
import org.peerjournal.query.audit.JournalHistory;
import org.peerjournal.query.audit.StoredEvent;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.audit.AccessLogPage;
import org.peerjournal.shared.audit.FindAccessLogQuery;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.paging.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The auditor's views, across all teams and read-only, built from the stored events themselves. Every call is a
 * read of the journal and is itself recorded in the access log before the answer leaves.
 */
@RestController
@RequestMapping("/api/audit/journals/{journalId}")
@Tag(name = "Audit")
class AuditQueryController {

    static final String TEXT_MARKDOWN = "text/markdown";

    private final JournalHistory history;
    private final AccessLog accessLog;
    private final QueryGateway queryGateway;
    private final CurrentActor currentActor;
    private final ObjectMapper objectMapper;

    AuditQueryController(JournalHistory history, AccessLog accessLog, QueryGateway queryGateway,
            CurrentActor currentActor, ObjectMapper objectMapper) {
        this.history = history;
        this.accessLog = accessLog;
        this.queryGateway = queryGateway;
        this.currentActor = currentActor;
        this.objectMapper = objectMapper;
    }

    @GetMapping(path = "/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The timeline exactly as recorded at asOf (default: now), rebuilt from the events")
    JournalTimeline timelineAsOf(@PathVariable UUID journalId, @RequestParam(required = false) Instant asOf) {
        List<? extends DomainEventMessage<?>> events = history.eventsOf(journalId);
        logRead(journalId, events, AccessAction.AUDIT_TIMELINE);
        return AsOfTimelineBuilder.build(events, asOf == null ? Instant.now() : asOf);
    }

    @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every stored event of the journal in order, with actor and payload; paged")
    EventHistoryPage events(@PathVariable UUID journalId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(JournalLimits.MAX_PAGE_SIZE) int size) {
        logRead(journalId, history.openingOf(journalId).teamId(), AccessAction.AUDIT_EVENTS);
        List<StoredEvent> shown = history.pageOf(journalId, new PageRequest(page, size)).stream()
                .map(this::toStoredEvent).toList();
        return new EventHistoryPage(journalId, shown, page, size, history.countOf(journalId));
    }

    @GetMapping(path = "/access-log", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Who read the journal, when and through what, in [from, to), oldest first; paged, a Link"
            + " header with rel=\"next\" when more follow")
    ResponseEntity<List<AccessLogEntry>> accessLog(@PathVariable UUID journalId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = PagedAnswer.DEFAULT_SIZE) @Min(1) @Max(JournalLimits.MAX_PAGE_SIZE) int size) {
        TimeWindow.requireOrdered(from, to);
        logRead(journalId, history.openingOf(journalId).teamId(), AccessAction.AUDIT_ACCESS_LOG);
        PageRequest request = new PageRequest(page, size);
        return PagedAnswer.answer(queryGateway.query(new FindAccessLogQuery(journalId, from, to, request),
                ResponseTypes.instanceOf(AccessLogPage.class)).join(), request);
    }

    @GetMapping(path = "/incident-report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Who knew what, when: escalations, notes, conflicts and reads in [from, to)")
    IncidentReport incidentReport(@PathVariable UUID journalId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        TimeWindow.requireOrdered(from, to);
        List<? extends DomainEventMessage<?>> events = history.eventsOf(journalId);
        logRead(journalId, events, AccessAction.AUDIT_INCIDENT_REPORT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return IncidentReportBuilder.build(events, reads(journalId, from, to), from, to, now,
                currentActor.get().userId());
    }

    @GetMapping(path = "/incident-report", produces = TEXT_MARKDOWN)
    @Operation(summary = "The incident report as Markdown")
    String incidentReportMarkdown(@PathVariable UUID journalId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        return IncidentReportRenderer.markdown(incidentReport(journalId, from, to));
    }

    @GetMapping(path = "/incident-report", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The incident report as a self-contained HTML page")
    String incidentReportHtml(@PathVariable UUID journalId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        return IncidentReportRenderer.html(incidentReport(journalId, from, to));
    }

    private void logRead(UUID journalId, List<? extends DomainEventMessage<?>> events, AccessAction action) {
        logRead(journalId, JournalHistory.opening(events).teamId(), action);
    }

    private void logRead(UUID journalId, String teamId, AccessAction action) {
        accessLog.record(currentActor.get(), action, List.of(new JournalsShownEvent.Shown(journalId, teamId)));
    }

    private List<AccessLogEntry> reads(UUID journalId, Instant from, Instant to) {
        return queryGateway.query(new FindAccessLogQuery(journalId, from, to, null),
                ResponseTypes.instanceOf(AccessLogPage.class)).join().items();
    }

    private StoredEvent toStoredEvent(DomainEventMessage<?> event) {
        Actor actor = ActorMetaData.from(event.getMetaData()).orElse(null);
        return new StoredEvent(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                event.getTimestamp(), actor == null ? null
                        : new StoredEvent.Actor(actor.userId(), actor.role().name(), actor.teamId()),
                objectMapper.valueToTree(event.getPayload()));
    }
}
