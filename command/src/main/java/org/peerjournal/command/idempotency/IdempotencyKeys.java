package org.peerjournal.command.idempotency;

/** Metadata keys that carry an idempotent request from the HTTP edge to the command handler's transaction. */
final class IdempotencyKeys {

    static final String KEY = "idempotencyKey";
    static final String FINGERPRINT = "idempotencyFingerprint";

    private IdempotencyKeys() {
    }
}
