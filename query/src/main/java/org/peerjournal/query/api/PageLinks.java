package org.peerjournal.query.api;

import jakarta.servlet.http.HttpServletRequest;
import org.peerjournal.shared.journal.JournalLimits;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A list page's links to its previous and next page: this very page (its filters kept) with another page number,
 * or null where there is none. A page asks the API for a page of the size it shows and links on when the API says
 * more follow (a {@code Link rel="next"} header, or a total beyond this page).
 */
public record PageLinks(String previous, String next) {

    /** The size of a page when the address names none: the largest the API gives. */
    public static final String DEFAULT_SIZE = "" + JournalLimits.MAX_PAGE_SIZE;

    public static PageLinks of(int page, boolean hasNext) {
        int shown = page(page);
        return new PageLinks(shown > 0 ? toPage(shown - 1) : null, hasNext ? toPage(shown + 1) : null);
    }

    /** For an answer that counts its whole list: a next page when the total goes beyond this one. */
    public static PageLinks ofTotal(int page, int size, long total) {
        return of(page, (long) (page + 1) * size < total);
    }

    /** After a paged API answer: a next page when the API linked to one. */
    public static PageLinks after(ResponseEntity<?> answer, int page) {
        return of(page, answer.getHeaders().containsKey(HttpHeaders.LINK));
    }

    /** A page number and size from the address, within what the API accepts. */
    public static int page(int page) {
        return Math.max(page, 0);
    }

    public static int size(int size) {
        return Math.min(Math.max(size, 1), JournalLimits.MAX_PAGE_SIZE);
    }

    private static String toPage(int page) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("page", page).build().toUriString();
    }
}
