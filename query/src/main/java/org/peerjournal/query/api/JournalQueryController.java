package org.peerjournal.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.query.policy.ReadPolicy;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.FindJournalTimelineQuery;
import org.peerjournal.shared.journal.query.FindJournalsQuery;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.peerjournal.shared.journal.query.JournalSummaryPage;
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
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The reading half of the journal API for the members of a team. */
@RestController
@RequestMapping(path = "/api/journals", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Journals and contact notes")
class JournalQueryController {

    private final QueryGateway queryGateway;
    private final CurrentActor currentActor;
    private final AccessLog accessLog;

    JournalQueryController(QueryGateway queryGateway, CurrentActor currentActor, AccessLog accessLog) {
        this.queryGateway = queryGateway;
        this.currentActor = currentActor;
        this.accessLog = accessLog;
    }

    @GetMapping
    @Operation(summary = "The journals of a team by display name (members of the team); teamId defaults to the"
            + " caller's team; paged, a Link header with rel=\"next\" when more follow")
    ResponseEntity<List<JournalSummary>> journals(@RequestParam(required = false) String teamId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = PagedAnswer.DEFAULT_SIZE) @Min(1) @Max(JournalLimits.MAX_PAGE_SIZE) int size) {
        Actor actor = currentActor.get();
        String team = ReadPolicy.requireTeamMember(actor, teamId, "journals");
        PageRequest request = new PageRequest(page, size);
        JournalSummaryPage journals = queryGateway.query(new FindJournalsQuery(team, request),
                ResponseTypes.instanceOf(JournalSummaryPage.class)).join();
        accessLog.journalList(actor, journals.items());
        return PagedAnswer.answer(journals, request);
    }

    @GetMapping("/{journalId}/timeline")
    @Operation(summary = "A patient's timeline, newest first (members of the journal's team)")
    JournalTimeline timeline(@PathVariable UUID journalId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Set<EntryType> types,
            @RequestParam(defaultValue = "false") boolean includeRetracted,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(JournalLimits.MAX_PAGE_SIZE) int size) {
        Actor actor = currentActor.get();
        TimeWindow.requireOrdered(from, to);
        FindJournalTimelineQuery query = new FindJournalTimelineQuery(journalId, actor.teamId(), from, to,
                types == null ? Set.of() : types, includeRetracted, page, size);
        JournalTimeline timeline = queryGateway.query(query, ResponseTypes.optionalInstanceOf(JournalTimeline.class))
                .join()
                .orElseThrow(() -> new JournalNotFoundException(journalId));
        return accessLog.timeline(actor, timeline);
    }
}
