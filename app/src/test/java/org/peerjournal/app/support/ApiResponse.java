package org.peerjournal.app.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;

/** A response as a test sees it: the status, the headers, and the body parsed as JSON when it is JSON. */
public record ApiResponse(int status, HttpHeaders headers, String rawBody, JsonNode body) {

    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    @Override
    public String toString() {
        return status + " " + rawBody;
    }
}
