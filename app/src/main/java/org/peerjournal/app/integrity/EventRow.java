package org.peerjournal.app.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of the event table as read, its payload and metadata bytes not hashed yet: the verifier reads rows on one
 * thread and hashes them on another, so reading and hashing are two steps.
 */
record EventRow(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
        String aggregateType, String timeStamp, String payloadType, String payloadRevision, byte[] payload,
        byte[] metaData) {

    /** Reads the {@link StoredEvent#COLUMNS} of the current row. */
    static EventRow read(ResultSet row) throws SQLException {
        return new EventRow(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10));
    }

    StoredEvent hashed() {
        return new StoredEvent(globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, aggregateType,
                timeStamp, payloadType, payloadRevision, Sha256.of(payload), Sha256.of(metaData));
    }
}
