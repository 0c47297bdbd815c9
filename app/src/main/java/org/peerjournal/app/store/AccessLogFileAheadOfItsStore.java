package org.peerjournal.app.store;

import org.axonframework.eventhandling.TrackingToken;
import org.peerjournal.query.audit.AccessLogProjection;
import org.peerjournal.query.operations.Projections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.Objects;

/**
 * Before the processors start, makes sure the access log's own file (ADR 0019) has not handled more events than the
 * store holds: after the store has been restored from an older backup (docs/operations.md, "Backing up the embedded
 * store"), its global index counts on from the backup's newest event, so the read events from then on would carry
 * positions the file's token says the access log has handled already, and would be left out of it without a word,
 * while it kept rows of reads the store no longer holds. Such a file is emptied, rows and token, and the access log is
 * built again from the store's events, as for a lost file.
 */
public class AccessLogFileAheadOfItsStore implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AccessLogFileAheadOfItsStore.class);

    private final Projections projections;
    private final AccessLogProjection accessLog;
    private boolean rebuilt;

    AccessLogFileAheadOfItsStore(Projections projections, AccessLogProjection accessLog) {
        this.projections = projections;
        this.accessLog = accessLog;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long newestEvent = projections.head();
        long handled = projections.storedTokens(AccessLogProjection.NAME).values().stream()
                .filter(Objects::nonNull).map(TrackingToken::position)
                .mapToLong(position -> position.orElse(-1)).max().orElse(-1);
        if (handled > newestEvent) {
            log.warn("The access log's file has handled events up to position {}, but the store's newest event is at"
                    + " {} (a store restored from an older backup?): building the access log again from the store's"
                    + " events", handled, newestEvent);
            accessLog.tables().clear(accessLog.readModel());
            accessLog.tables().jdbc().update("delete from token_entry where processor_name = ?",
                    AccessLogProjection.NAME);
            rebuilt = true;
        }
    }

    /** Whether this start found the file ahead of the store, and emptied it. */
    public boolean rebuilt() {
        return rebuilt;
    }
}
