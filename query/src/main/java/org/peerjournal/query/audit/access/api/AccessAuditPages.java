package org.peerjournal.query.audit.access.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import org.peerjournal.shared.audit.FindingConclusion;
import org.peerjournal.shared.error.StateConflictException;
import org.peerjournal.shared.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The auditor's pages for a patient's access extract and the access review with its conclusions, through the API
 * controller's own methods (so the extract is access-logged as the API's is, and a conclusion is the API's).
 */
@Controller
@PageController
@Hidden // pages, not part of the API's description
class AccessAuditPages {

    private final AccessAuditController audit;
    private final MessageSource messages;

    AccessAuditPages(AccessAuditController audit, MessageSource messages) {
        this.audit = audit;
        this.messages = messages;
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
            model.addAttribute("conclusions", FindingConclusion.values());
        }
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "audit-access-review";
    }

    /**
     * Records the auditor's conclusion on one finding through the API's own method, then shows the review again
     * (post/redirect/get). A bad field comes back beside that finding's form; a finding concluded meanwhile (the
     * API's 409) is said in words, and the first conclusion stands.
     */
    @PostMapping("/app/audit/access-review/findings/{findingId}/conclusion")
    String conclude(@PathVariable String findingId, @Valid @ModelAttribute ConclusionRequest conclusion,
            BindingResult binding, @RequestParam Instant from, @RequestParam Instant to,
            RedirectAttributes redirect) {
        Locale locale = LocaleContextHolder.getLocale();
        if (binding.hasErrors()) {
            Map<String, String> errors = new LinkedHashMap<>();
            binding.getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(),
                    messages.getMessage(error, locale)));
            redirect.addFlashAttribute("errors", errors);
            redirect.addFlashAttribute("form", findingId);
            redirect.addFlashAttribute("values", Map.of("note", conclusion.note() == null ? "" : conclusion.note()));
        } else {
            try {
                audit.conclude(findingId, conclusion);
                redirect.addFlashAttribute("notice", messages.getMessage("review.concluded", null, locale));
            } catch (StateConflictException concludedAlready) {
                redirect.addFlashAttribute("problem", messages.getMessage("review.concludedAlready", null, locale));
            }
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/app/audit/access-review")
                .queryParam("from", from).queryParam("to", to).fragment("finding-" + findingId)
                .encode().build().toUriString();
    }
}
