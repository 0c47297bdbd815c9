package org.peerjournal.query.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One stored event of a journal as an auditor sees it: its place in the stream, its type, actor and content. */
public record StoredEvent(long sequence, String type, Instant recordedAt, Actor actor, JsonNode payload) {

    public record Actor(String userId, String role, String teamId) {
    }
}
