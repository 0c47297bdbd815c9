package org.peerjournal.command.api;

/** What makes two requests "the same" for an Idempotency-Key: where they went and what they carried. */
record IdempotentRequest(String target, Object body) {
}
