package org.peerjournal.query.stream;

/**
 * One item written to a live stream: a named event with an id and a JSON payload, or (without a name) a comment
 * that only keeps the connection alive.
 */
public record StreamItem(String name, String id, Object data) {

    static final StreamItem HEARTBEAT = new StreamItem(null, null, "heartbeat");

    public boolean isHeartbeat() {
        return name == null;
    }
}
