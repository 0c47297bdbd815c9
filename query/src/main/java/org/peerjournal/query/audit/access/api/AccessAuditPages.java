package org.peerjournal.query.audit.access.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.peerjournal.shared.web.PageController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;

/**
 * The auditor's pages for a patient's access extract and the access review, through the API controller's own
 * methods (so the extract is access-logged as the API's is).
 */
@Controller
@PageController
@Hidden // pages, not part of the API's description
class AccessAuditPages {

    private final AccessAuditController audit;

    AccessAuditPages(AccessAuditController audit) {
        this.audit = audit;
    }

    @GetMapping("/app/audit/access-extract")
    String extract(@RequestParam(required = false) String patientRef, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, Model model) {
        if (patientRef != null && from != null && to != null) {
            model.addAttribute("extract", audit.extract(patientRef, from, to));
        }
        model.addAttribute("patientRef", patientRef);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit-access-extract";
    }

    @GetMapping("/app/audit/access-review")
    String review(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            Model model) {
        if (from != null && to != null) {
            model.addAttribute("review", audit.review(from, to));
        }
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit-access-review";
    }
}
