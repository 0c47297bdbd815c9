package org.peerjournal.query.operations;

import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Resets a processor's tokens to the first event when other nodes may be running it too: a reset must claim every
 * segment, so it has to have the other nodes release theirs first. Whatever happens, the processor runs again
 * afterwards, on this node and on the others.
 */
public interface ProcessorReset {

    /**
     * @throws org.peerjournal.shared.error.StateConflictException when a replay of the processor is under way
     *         already, or other nodes did not release its segments in time (nothing was reset then)
     */
    void resetToFirstEvent(String name, StreamingEventProcessor processor);
}
