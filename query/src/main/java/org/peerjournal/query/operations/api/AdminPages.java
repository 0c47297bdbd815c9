package org.peerjournal.query.operations.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.peerjournal.shared.web.PageController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator's page: projection status, replay, reconciliation, through the operations API's methods. */
@Controller
@PageController
@Hidden // pages, not part of the API's description
class AdminPages {

    private final ProjectionOperationsController operations;

    AdminPages(ProjectionOperationsController operations) {
        this.operations = operations;
    }

    @GetMapping("/app/admin")
    String status(Model model) {
        model.addAttribute("projections", operations.projections());
        return "admin";
    }

    @GetMapping("/app/admin/reconciliation")
    String reconciliation(Model model) {
        model.addAttribute("projections", operations.projections());
        model.addAttribute("reconciliation", operations.reconciliation());
        return "admin";
    }

    @PostMapping("/app/admin/projections/{name}/replay")
    String replay(@PathVariable String name, RedirectAttributes redirect) {
        operations.replay(name);
        redirect.addFlashAttribute("replayed", name);
        return "redirect:/app/admin";
    }
}
