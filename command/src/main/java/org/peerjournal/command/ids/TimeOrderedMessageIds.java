package org.peerjournal.command.ids;

import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers, an event's among them, from {@link TimeOrderedIds} instead of random UUIDs (Axon finds
 * this factory through {@code META-INF/services}). Every stored event's identifier is a key of two unique indexes
 * (the event table's and the hash chain's); with random identifiers each append inserted into a random leaf page of
 * both, which H2 then rewrote whole at the commit, and which left a dead page in some old chunk of the file each
 * time. In creation order the inserts go to the indexes' ends, where the last commit already wrote
 * (docs/benchmarks.md, "Write throughput over HTTP", session 16). Events stored before keep their identifiers.
 */
public final class TimeOrderedMessageIds extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return TimeOrderedIds.next().toString();
    }
}
