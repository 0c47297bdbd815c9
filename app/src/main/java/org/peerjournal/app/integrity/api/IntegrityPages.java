package org.peerjournal.app.integrity.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.peerjournal.shared.web.PageController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.sql.SQLException;
import java.util.UUID;

/**
 * The auditor's integrity pages: the latest signed checkpoint with the key that signs it, and whether a journal's
 * chain verifies. Each calls the integrity API's own method, so a journal's check is access-logged as the API's is.
 */
@Controller
@PageController
@Hidden // pages, not part of the API's description
class IntegrityPages {

    private final IntegrityAuditController integrity;

    IntegrityPages(IntegrityAuditController integrity) {
        this.integrity = integrity;
    }

    @GetMapping("/app/audit/integrity")
    String status(@RequestParam(required = false) UUID journalId, Model model) throws SQLException {
        if (journalId != null) {
            return "redirect:/app/audit/journals/" + journalId + "/integrity";
        }
        return withCheckpoint(model);
    }

    @GetMapping("/app/audit/journals/{journalId}/integrity")
    String journal(@PathVariable UUID journalId, Model model) throws SQLException {
        model.addAttribute("journalId", journalId);
        model.addAttribute("journal", integrity.journalIntegrity(journalId));
        return withCheckpoint(model);
    }

    private String withCheckpoint(Model model) throws SQLException {
        model.addAttribute("key", integrity.publicKey());
        try {
            model.addAttribute("checkpoint", integrity.latestCheckpoint());
        } catch (ResponseStatusException none) {
            if (none.getStatusCode() != HttpStatus.NOT_FOUND) {
                throw none;
            }
            // none signed yet: the page says so
        }
        return "audit-integrity";
    }
}
