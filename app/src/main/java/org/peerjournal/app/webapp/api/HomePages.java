package org.peerjournal.app.webapp.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.web.PageController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Sign-in, the start page of each role, and the refusal page. */
@Controller
@PageController
@Hidden // pages, not part of the API's description
class HomePages {

    private final CurrentActor currentActor;
    private final String organisationSignIn;
    private final boolean demoUsers;

    /**
     * The sign-in page offers the organisation's OpenID Connect provider when one is registered (production) and
     * the login form when the demo users exist (embedded store).
     */
    HomePages(CurrentActor currentActor, ObjectProvider<ClientRegistrationRepository> oidcClients,
            @Value("${peerjournal.security.jwt.enabled:false}") boolean tokensEnabled,
            @Value("${peerjournal.security.demo-users.enabled:true}") boolean demoUsers) {
        this.currentActor = currentActor;
        this.demoUsers = demoUsers;
        ClientRegistrationRepository clients = oidcClients.getIfAvailable();
        this.organisationSignIn = tokensEnabled && clients instanceof Iterable<?> registrations
                && registrations.iterator().hasNext()
                ? "/oauth2/authorization/" + ((ClientRegistration) registrations.iterator().next()).getRegistrationId()
                : null;
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

    /**
     * The sign-in page; {@code tooMany} is set when the name had too many failed sign-ins (the rate limit sends the
     * form back here with the minutes to wait). Anything but a small number there is ignored.
     */
    @GetMapping("/login")
    String login(@RequestParam(name = "tooMany", required = false) String tooMany, Model model) {
        if (tooMany != null) {
            model.addAttribute("tooManyMinutes", tooMany.matches("\\d{1,4}") ? Integer.parseInt(tooMany) : 1);
        }
        model.addAttribute("organisationSignIn", organisationSignIn);
        model.addAttribute("demoUsers", demoUsers);
        return "login";
    }

    /** Where a refused request is forwarded, whatever its method (a form sent without its CSRF token is a POST). */
    @RequestMapping("/app/forbidden")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(Model model) {
        model.addAttribute("status", HttpStatus.FORBIDDEN.value());
        model.addAttribute("message", "error.forbidden");
        return "page-error";
    }
}
