package org.peerjournal.command.api;

import jakarta.servlet.http.HttpServletRequest;
import org.peerjournal.shared.error.InvalidFieldException;
import org.peerjournal.shared.error.StateConflictException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A submitted page form, after the API's own validation of the API's own request record: on success the user
 * goes on with a notice; on a bad field or a state conflict back to the form, with the message next to the field
 * (post/redirect/get, so a reload never resubmits). Not found and not permitted fail as they do in the API.
 */
@Component
class PageForms {

    static final String ERRORS = "errors";
    static final String VALUES = "values";
    static final String FORM = "form";
    static final String NOTICE = "notice";
    static final String PROBLEM = "problem";

    private final MessageSource messages;

    PageForms(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * @param form   which form on the page was sent (a page may hold several), so its errors show beside it
     * @param back   where the form is, to show its errors
     * @param done   where to go once the action succeeded
     * @param notice the message key of what was done
     */
    String submit(String form, BindingResult binding, HttpServletRequest request, RedirectAttributes redirect,
            String back, String done, String notice, Runnable action) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(error -> errors.putIfAbsent(fieldOf(error.getField()),
                messages.getMessage(error, locale)));
        if (errors.isEmpty()) {
            try {
                action.run();
                redirect.addFlashAttribute(NOTICE, messages.getMessage(notice, null, locale));
                return "redirect:" + done;
            } catch (RuntimeException failure) {
                Throwable cause = rootRuleOf(failure);
                if (cause instanceof InvalidFieldException invalid) {
                    errors.put(invalid.field(), messages.getMessage("invalid." + invalid.field(), null,
                            invalid.getMessage(), locale));
                } else if (cause instanceof StateConflictException conflict) {
                    redirect.addFlashAttribute(PROBLEM, messages.getMessage("problem.conflict",
                            new Object[] {conflict.getMessage()}, locale));
                } else {
                    throw failure;
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, value) -> {
            if (!name.startsWith("_")) {
                values.put(name, String.join(", ", value));
            }
        });
        redirect.addFlashAttribute(ERRORS, errors);
        redirect.addFlashAttribute(VALUES, values);
        redirect.addFlashAttribute(FORM, form);
        return "redirect:" + back;
    }

    /** A list element's error ({@code staffAlreadyInformed[0]}) belongs to the list's field. */
    private static String fieldOf(String path) {
        int index = path.indexOf('[');
        return index < 0 ? path : path.substring(0, index);
    }

    /** The rule a command broke, however deep Axon wrapped it. */
    private static Throwable rootRuleOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidFieldException || t instanceof StateConflictException) {
                return t;
            }
        }
        return failure;
    }
}
