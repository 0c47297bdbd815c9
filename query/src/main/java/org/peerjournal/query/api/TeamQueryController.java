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
import org.peerjournal.shared.team.ContactReport;
import org.peerjournal.shared.team.FindContactReportQuery;
import org.peerjournal.shared.team.FindTeamOverviewQuery;
import org.peerjournal.shared.team.TeamOverview;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The team lead's views: the team overview and the contact report (JSON, or CSV for spreadsheets). The overview
 * names patients and is access-logged; the contact report carries journal ids and counts only (pseudonymous) and
 * is not.
 */
@RestController
@Tag(name = "Team overview and reports")
class TeamQueryController {

    static final String TEXT_CSV = "text/csv";

    private final QueryGateway queryGateway;
    private final CurrentActor currentActor;
    private final AccessLog accessLog;

    TeamQueryController(QueryGateway queryGateway, CurrentActor currentActor, AccessLog accessLog) {
        this.queryGateway = queryGateway;
        this.currentActor = currentActor;
        this.accessLog = accessLog;
    }

    @GetMapping(path = "/api/teams/{teamId}/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The team's caseload at a glance (CLINICIAN or TEAM_LEAD of the team)")
    TeamOverview overview(@PathVariable String teamId,
            @RequestParam(defaultValue = "14") @Min(1) @Max(3650) int withoutContactDays) {
        Actor actor = currentActor.get();
        ReadPolicy.mayReadOverview(actor, teamId);
        return accessLog.teamOverview(actor, queryGateway.query(new FindTeamOverviewQuery(teamId,
                withoutContactDays, Instant.now().truncatedTo(ChronoUnit.MILLIS)),
                ResponseTypes.instanceOf(TeamOverview.class)).join());
    }

    @GetMapping(path = "/api/reports/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Contacts per journal and contact type in [from, to) (TEAM_LEAD of the team)")
    ContactReport contactReport(@RequestParam String teamId, @RequestParam Instant from, @RequestParam Instant to) {
        return report(teamId, from, to);
    }

    @GetMapping(path = "/api/reports/contacts", produces = TEXT_CSV)
    @Operation(summary = "The contact report as CSV (RFC 4180, header row)")
    String contactReportCsv(@RequestParam String teamId, @RequestParam Instant from, @RequestParam Instant to) {
        return ContactReportCsv.of(report(teamId, from, to));
    }

    private ContactReport report(String teamId, Instant from, Instant to) {
        ReadPolicy.mayReadContactReport(currentActor.get(), teamId);
        TimeWindow.requireOrdered(from, to);
        return queryGateway.query(new FindContactReportQuery(teamId, from, to),
                ResponseTypes.instanceOf(ContactReport.class)).join();
    }
}
