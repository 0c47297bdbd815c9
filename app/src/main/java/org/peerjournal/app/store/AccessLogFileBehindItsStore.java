package org.peerjournal.app.store;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.peerjournal.query.audit.AccessLogProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.OptionalLong;

/**
 * Before the processors start, makes sure the access log's own file (ADR 0019) was not built further than the store
 * holds events: after the store has been restored from an older backup (docs/operations.md, "Backing up the embedded
 * store"), its global index counts on from the backup's newest event, so every read event from then on would carry a
 * position the file's token says the access log has handled already, and would be left out of it without a word.
 * Such a file is emptied, rows and token, and the access log is built again from the store's events, as for a lost
 * file.
 */
class AccessLogFileBehindItsStore implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AccessLogFileBehindItsStore.class);

    private final JdbcTemplate store;
    private final AccessLogProjection accessLog;
    private final Serializer serializer;

    AccessLogFileBehindItsStore(JdbcTemplate store, AccessLogProjection accessLog, Serializer serializer) {
        this.store = store;
        this.accessLog = accessLog;
        this.serializer = serializer;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long newestEvent = store.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry",
                Long.class);
        JdbcTemplate file = accessLog.tables().jdbc();
        long handled = file.query("select token, token_type from token_entry where processor_name = ?",
                        (row, i) -> position(row.getBytes(1), row.getString(2)), AccessLogProjection.NAME)
                .stream().mapToLong(Long::longValue).max().orElse(-1);
        if (handled > newestEvent) {
            log.warn("The access log's file has handled events up to position {}, but the store's newest event is at"
                    + " {} (a store restored from an older backup?): building the access log again from the store's"
                    + " events", handled, newestEvent);
            accessLog.tables().clear(accessLog.readModel());
            file.update("delete from token_entry where processor_name = ?", AccessLogProjection.NAME);
        }
    }

    private long position(byte[] token, String type) {
        if (token == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        OptionalLong position = tracking.position();
        return position.orElse(-1);
    }
}
