package org.peerjournal.app.webapp;

import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.web.PageController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Sign-in, the start page of each role, and the refusal page. */
@Controller
@PageController
class HomePages {

    private final CurrentActor currentActor;

    HomePages(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    @GetMapping("/")
    String home() {
        Actor actor = currentActor.get();
        return switch (actor.role()) {
            case AUDITOR -> "redirect:/app/audit";
            case ADMIN -> "redirect:/app/admin";
            case CLINICIAN, TEAM_LEAD -> "redirect:/app/escalations";
            default -> "redirect:/app/journals";
        };
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/app/forbidden")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(Model model) {
        model.addAttribute("status", HttpStatus.FORBIDDEN.value());
        model.addAttribute("message", "error.forbidden");
        return "page-error";
    }
}
