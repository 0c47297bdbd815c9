package org.peerjournal.app.integrity;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * A storage engine that says what it stored for each event of an append: the row's values exactly as it wrote
 * them (the payload's and metadata's hashes over the very bytes written), so each event's chain entry is computed
 * from them in the appending transaction without reading the rows back. {@link ChainingEventStorageEngine} chains
 * only such an engine.
 */
public interface ReportsStoredEvents {

    /**
     * Stores the events as {@code EventStorageEngine.appendEvents} does (in the current transaction) and answers
     * their rows, one per event, in the order given.
     */
    List<StoredEvent> appendReportingRows(List<? extends EventMessage<?>> events);
}
