package org.peerjournal.command.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.UUID;

/** What makes two requests "the same" for an Idempotency-Key: where they went and what they carried. */
record IdempotentRequest(String target, Object body) {

    /**
     * The request being handled: its method and the path its mapping matched, with the path's ids filled in, in the
     * order the path names them. The ids are written as parsed, not as sent, so a retry that spells one in upper case
     * is the same request, and targets stay those of the answers remembered so far.
     */
    static IdempotentRequest of(Object body, UUID... pathIds) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        String path = UriComponentsBuilder.fromPath(pattern).buildAndExpand((Object[]) pathIds).getPath();
        return new IdempotentRequest(request.getMethod() + " " + path, body);
    }
}
