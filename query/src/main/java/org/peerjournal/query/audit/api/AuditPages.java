package org.peerjournal.query.audit.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.web.PageController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.UUID;

/**
 * The auditor's pages. Each calls the audit API controller's own method, so every page is read from the stored
 * events and recorded in the access log exactly as the API call is.
 */
@Controller
@PageController
@Hidden // pages, not part of the API's description
class AuditPages {

    private final AuditQueryController audit;

    AuditPages(AuditQueryController audit) {
        this.audit = audit;
    }

    @GetMapping("/app/audit")
    String start(@RequestParam(required = false) UUID journalId) {
        return journalId == null ? "audit" : "redirect:/app/audit/journals/" + journalId;
    }

    @GetMapping("/app/audit/journals/{journalId}")
    String timelineAsOf(@PathVariable UUID journalId, @RequestParam(required = false) Instant asOf, Model model) {
        model.addAttribute("timeline", audit.timelineAsOf(journalId, asOf));
        model.addAttribute("asOf", asOf);
        return journal(journalId, model, "audit-timeline");
    }

    @GetMapping("/app/audit/journals/{journalId}/events")
    String events(@PathVariable UUID journalId, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("events", audit.events(journalId, Math.max(page, 0), JournalLimits.MAX_PAGE_SIZE));
        return journal(journalId, model, "audit-events");
    }

    @GetMapping("/app/audit/journals/{journalId}/access-log")
    String accessLog(@PathVariable UUID journalId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("reads", audit.accessLog(journalId, from, to, Math.max(page, 0),
                JournalLimits.MAX_PAGE_SIZE).getBody());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return journal(journalId, model, "audit-access-log");
    }

    @GetMapping("/app/audit/journals/{journalId}/incident-report")
    String incidentReport(@PathVariable UUID journalId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, Model model) {
        model.addAttribute("report", audit.incidentReport(journalId, from, to));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return journal(journalId, model, "audit-incident-report");
    }

    private static String journal(UUID journalId, Model model, String view) {
        model.addAttribute("journalId", journalId);
        return view;
    }
}
