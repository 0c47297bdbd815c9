package org.peerjournal.app.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of the event table exactly as stored (before any upcasting), and its leaf hash over the canonical
 * encoding of docs/integrity.md: every field in a fixed order, strings as a 4-byte big-endian length and their
 * UTF-8 bytes (length 0xFFFFFFFF for a missing value), numbers as 8-byte big-endian, then the SHA-256 of the
 * payload bytes and of the metadata bytes. Only those two hashes enter the leaf, so a payload redacted one day
 * leaves the leaf (and every chain and tree hash above it) verifiable.
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
        String aggregateType, String timeStamp, String payloadType, String payloadRevision, byte[] payloadHash,
        byte[] metaDataHash) {

    static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final byte[] ENCODING_VERSION = "peerjournal-leaf-v1".getBytes(StandardCharsets.US_ASCII);

    /** Reads the {@link #COLUMNS} of the current row, hashing the payload and metadata bytes. */
    static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), Sha256.of(row.getBytes(9)),
                Sha256.of(row.getBytes(10)));
    }

    /** An event raised by an aggregate (a journal); the others (reads of a journal) have no aggregate type. */
    public boolean fromAggregate() {
        return aggregateType != null;
    }

    public byte[] leafHash() {
        return Sha256.of(encoding());
    }

    /** The canonical bytes the leaf hash is taken over (docs/integrity.md, "Leaf"). */
    public byte[] encoding() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(ENCODING_VERSION);
        string(out, aggregateIdentifier);
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(sequenceNumber).array());
        string(out, eventIdentifier);
        string(out, timeStamp);
        string(out, payloadType);
        string(out, payloadRevision);
        out.writeBytes(payloadHash);
        out.writeBytes(metaDataHash);
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
