package org.peerjournal.app.webapp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.error.ActionNotPermittedException;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.InvalidFieldException;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.error.StateConflictException;
import org.peerjournal.shared.web.PageController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import java.beans.PropertyEditorSupport;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * What every page shares: who is signed in (for the navigation), a fresh submission id for its forms, times typed
 * in the user's zone, blank fields as missing; and failures answered as pages. It goes before the API's
 * problem+json handler, for page controllers only.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageAdvice.class);

    private final CurrentActor currentActor;

    PageAdvice(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    @InitBinder
    void pageInput(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
        binder.registerCustomEditor(Instant.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                try {
                    setValue(text == null || text.isBlank() ? null : PageTime.parse(text));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("Not a time: " + text, e);
                }
            }
        });
    }

    @ModelAttribute
    void shared(Model model, HttpServletRequest request) {
        // The language switch: this very page, in the other language.
        UriComponentsBuilder here = UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString());
        model.addAttribute("languageSv", here.replaceQueryParam(WebAppConfiguration.LANGUAGE_PARAMETER, "sv")
                .build().toUriString());
        model.addAttribute("languageEn", here.replaceQueryParam(WebAppConfiguration.LANGUAGE_PARAMETER, "en")
                .build().toUriString());
        if (SecurityContextHolder.getContext().getAuthentication() != null) {
            try {
                model.addAttribute("me", currentActor.get());
            } catch (AuthenticationCredentialsNotFoundException anonymous) {
                // the sign-in page: nobody yet
            }
        }
        model.addAttribute("submission", UUID.randomUUID());
        model.addAttribute("forums", DiscussionForum.values());
    }

    @ExceptionHandler(Exception.class)
    String failure(Exception failure, Model model, HttpServletResponse response) {
        Throwable cause = failure;
        while (cause.getCause() != null && !known(cause)) {
            cause = cause.getCause();
        }
        HttpStatus status;
        String message;
        if (cause instanceof JournalNotFoundException || cause instanceof AggregateNotFoundException
                || cause instanceof EntryNotFoundException) {
            status = HttpStatus.NOT_FOUND;
            message = "error.notFound";
        } else if (cause instanceof ActionNotPermittedException) {
            status = HttpStatus.FORBIDDEN;
            message = "error.forbidden";
        } else if (cause instanceof InvalidFieldException || cause instanceof IllegalArgumentException) {
            status = HttpStatus.BAD_REQUEST;
            message = "error.badRequest";
            model.addAttribute("detail", cause.getMessage());
        } else if (cause instanceof StateConflictException) {
            status = HttpStatus.CONFLICT;
            message = "error.conflict";
            model.addAttribute("detail", cause.getMessage());
        } else if (cause instanceof SQLTransientConnectionException) {
            // The API's rule (ApiExceptionHandler): a store that gave no connection in time is worth trying again.
            log.warn("A page got no connection to the store: {}", failure.getMessage());
            status = HttpStatus.SERVICE_UNAVAILABLE;
            message = "error.unavailable";
        } else {
            log.error("Unexpected failure while serving a page", failure);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            message = "error.unexpected";
        }
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("message", message);
        return "page-error";
    }

    private static boolean known(Throwable t) {
        return t instanceof JournalNotFoundException || t instanceof AggregateNotFoundException
                || t instanceof EntryNotFoundException || t instanceof ActionNotPermittedException
                || t instanceof InvalidFieldException || t instanceof StateConflictException
                || t instanceof SQLTransientConnectionException;
    }
}
