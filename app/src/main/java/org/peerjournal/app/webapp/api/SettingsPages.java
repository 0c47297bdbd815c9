package org.peerjournal.app.webapp.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.peerjournal.app.webapp.UserTimeZone;
import org.peerjournal.shared.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every user's settings page: the time zone times are shown and typed in. */
@Controller
@PageController
@Hidden // pages, not part of the API's description
class SettingsPages {

    private final UserTimeZone timeZone;
    private final MessageSource messages;

    SettingsPages(UserTimeZone timeZone, MessageSource messages) {
        this.timeZone = timeZone;
        this.messages = messages;
    }

    @GetMapping("/app/settings")
    String settings(Model model) {
        model.addAttribute("zones", UserTimeZone.OFFERED);
        return "settings";
    }

    @PostMapping("/app/settings/time-zone")
    String chooseTimeZone(@RequestParam String zone, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        timeZone.choose(zone, request, response);
        redirect.addFlashAttribute("notice", messages.getMessage("settings.timeZoneChosen", new Object[] {zone},
                LocaleContextHolder.getLocale()));
        return "redirect:/app/settings";
    }
}
