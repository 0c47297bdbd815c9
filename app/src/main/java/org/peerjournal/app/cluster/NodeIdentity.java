package org.peerjournal.app.cluster;

/** This node's name in the token table and the node list. */
public record NodeIdentity(String id) {
}
