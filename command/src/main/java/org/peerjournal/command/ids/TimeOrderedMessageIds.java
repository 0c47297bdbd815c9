package org.peerjournal.command.ids;

import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers, an event's among them, from {@link TimeOrderedIds} instead of random UUIDs (Axon finds
 * this factory through {@code META-INF/services}). Every stored event's identifier is a key of two unique indexes
 * (the event table's and the hash chain's); in creation order each append inserts at the indexes' ends, where the
 * previous commit wrote, instead of into a random leaf page of each that H2 rewrites whole at the commit. That was
 * the reason; measured side by side (two runs of each), it made no difference the runs could see to notes per
 * second, CPU per note or the file's size (docs/benchmarks.md, "Write throughput over HTTP", session 16). Events
 * stored before keep their identifiers.
 */
public final class TimeOrderedMessageIds extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return TimeOrderedIds.next().toString();
    }
}
