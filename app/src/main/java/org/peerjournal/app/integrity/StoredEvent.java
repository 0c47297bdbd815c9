package org.peerjournal.app.integrity;

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

    public static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final byte[] ENCODING_VERSION = "peerjournal-leaf-v1".getBytes(StandardCharsets.US_ASCII);

    /** Reads the {@link #COLUMNS} of the current row, hashing the payload and metadata bytes. */
    public static StoredEvent read(ResultSet row) throws SQLException {
        return EventRow.read(row).hashed();
    }

    /** An event raised by an aggregate (a journal); the others (reads of a journal) have no aggregate type. */
    public boolean fromAggregate() {
        return aggregateType != null;
    }

    public byte[] leafHash() {
        return Sha256.of(encoding());
    }

    /** The canonical bytes the leaf hash is taken over (docs/integrity.md, "Leaf"), in one exactly sized array. */
    public byte[] encoding() {
        byte[][] strings = {utf8(aggregateIdentifier), utf8(eventIdentifier), utf8(timeStamp), utf8(payloadType),
                utf8(payloadRevision)};
        int length = ENCODING_VERSION.length + Long.BYTES + 2 * Sha256.LENGTH;
        for (byte[] string : strings) {
            length += Integer.BYTES + (string == null ? 0 : string.length);
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put(ENCODING_VERSION);
        string(out, strings[0]);
        out.putLong(sequenceNumber);
        for (int i = 1; i < strings.length; i++) {
            string(out, strings[i]);
        }
        out.put(payloadHash);
        out.put(metaDataHash);
        return out.array();
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** A 4-byte big-endian length and the bytes; an absent value is the length 0xFFFFFFFF and no bytes. */
    private static void string(ByteBuffer out, byte[] bytes) {
        if (bytes == null) {
            out.putInt(-1);
            return;
        }
        out.putInt(bytes.length);
        out.put(bytes);
    }
}
