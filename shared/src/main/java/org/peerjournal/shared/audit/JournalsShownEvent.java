package org.peerjournal.shared.audit;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.UUID;

/**
 * One answer showed these journals' patients to its reader (the event's actor, in metadata): the access-log entries
 * of the whole answer as one fact, stored in one insert however many journals it showed, so that a list of 1,000
 * journals costs one event rather than 1,000. The access-log projection keeps one entry per journal. Stored outside
 * the journals' streams, so recording it never waits for a journal's lock.
 *
 * @param action through what they were shown, e.g. {@code journal-list}, {@code timeline}
 */
@Revision("1")
public record JournalsShownEvent(String action, List<Shown> journals) {

    /** A journal shown, and the team it belongs to. */
    public record Shown(UUID journalId, String teamId) {
    }
}
