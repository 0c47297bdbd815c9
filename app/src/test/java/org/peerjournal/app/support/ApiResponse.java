package org.peerjournal.app.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** A response as a test sees it: the status, the headers, and the body parsed as JSON when it is JSON. */
public record ApiResponse(int status, HttpHeaders headers, String rawBody, JsonNode body) {

    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** The target of the {@code Link rel="next"} header, if there is a next page. */
    public Optional<String> nextPage() {
        return headers.firstValue("Link").filter(link -> link.endsWith("rel=\"next\""))
                .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')));
    }

    @Override
    public String toString() {
        return status + " " + rawBody;
    }
}
