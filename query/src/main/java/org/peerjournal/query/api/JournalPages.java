package org.peerjournal.query.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.escalation.EscalationView;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.journal.query.EntryType;
import org.peerjournal.shared.journal.query.JournalSummary;
import org.peerjournal.shared.journal.query.JournalTimeline;
import org.peerjournal.shared.web.PageController;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The web app's pages for the members of a team. Each page calls the API controller's own method, so it answers
 * with the same data, the same refusals (another team's journal is not found) and the same access logging.
 */
@Controller
@PageController
@Hidden // pages, not part of the API's description
class JournalPages {

    private final JournalQueryController journals;
    private final EscalationQueryController escalations;
    private final TeamQueryController teams;
    private final CurrentActor currentActor;

    JournalPages(JournalQueryController journals, EscalationQueryController escalations, TeamQueryController teams,
            CurrentActor currentActor) {
        this.journals = journals;
        this.escalations = escalations;
        this.teams = teams;
        this.currentActor = currentActor;
    }

    @GetMapping("/app/journals")
    String journals(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageLinks.DEFAULT_SIZE) int size, Model model) {
        ResponseEntity<List<JournalSummary>> answer = journals.journals(null, PageLinks.page(page),
                PageLinks.size(size));
        model.addAttribute("journals", answer.getBody());
        model.addAttribute("pager", PageLinks.after(answer, page));
        return "journals";
    }

    @GetMapping("/app/journals/{journalId}")
    String timeline(@PathVariable UUID journalId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) Set<EntryType> types,
            @RequestParam(defaultValue = "false") boolean includeRetracted,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageLinks.DEFAULT_SIZE) int size, Model model) {
        JournalTimeline timeline = journals.timeline(journalId, from, to, types, includeRetracted,
                PageLinks.page(page), PageLinks.size(size));
        model.addAttribute("timeline", timeline);
        model.addAttribute("pager", PageLinks.ofTotal(timeline.page(), timeline.size(), timeline.totalEntries()));
        model.addAttribute("entryTypes", EntryType.values());
        model.addAttribute("types", types == null ? Set.of() : types);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("includeRetracted", includeRetracted);
        return "timeline";
    }

    @GetMapping("/app/escalations")
    String escalations(Model model) {
        model.addAttribute("escalations", firstEscalations());
        return "escalations";
    }

    /** The queue's rows alone: what the live page fetches when the stream says something changed. */
    @GetMapping("/app/escalations/rows")
    String escalationRows(Model model) {
        model.addAttribute("escalations", firstEscalations());
        return "escalations :: rows";
    }

    /** The queue's first page of the largest size: overdue first, so the most urgent are always on it. */
    private List<EscalationView> firstEscalations() {
        return escalations.queue(null, null, 0, JournalLimits.MAX_PAGE_SIZE).getBody();
    }

    @GetMapping("/app/team")
    String overview(@RequestParam(defaultValue = "14") int withoutContactDays, Model model) {
        model.addAttribute("overview", teams.overview(currentActor.get().teamId(),
                Math.max(1, Math.min(withoutContactDays, 3650))));
        return "overview";
    }

    @GetMapping("/app/reports/contacts")
    String contactReport(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            Model model) {
        if (from != null && to != null) {
            model.addAttribute("report", teams.contactReport(currentActor.get().teamId(), from, to));
        }
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "report";
    }

    @GetMapping("/app/reports/contacts.csv")
    ResponseEntity<String> contactReportCsv(@RequestParam Instant from, @RequestParam Instant to) {
        String csv = teams.contactReportCsv(currentActor.get().teamId(), from, to);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("contacts.csv").build().toString())
                .body(csv);
    }
}
