package org.peerjournal.app.integrity;

import org.axonframework.eventhandling.EventMessage;
import org.peerjournal.shared.actor.ActorMetaData;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the hash chain entries of just-appended events, on the appending transaction's own connection: it reads
 * the rows back as stored (whatever engine stored them) and chains each onto the head of its chain, which it locks
 * for the rest of the transaction so two transactions never chain onto the same head.
 *
 * <p>A journal's events form the chain named by the journal id, in aggregate sequence order. Events outside any
 * aggregate (the access log: one event per answer, naming every journal it showed) form one chain per actor,
 * {@code actor/<userId>}: a user's reads follow each other anyway, so reads never wait on a journal's writes nor on
 * other users' reads, and a deleted read breaks its reader's chain. One without an actor is chained per payload
 * type ({@code type/<payloadType>}). Every event, whichever chain holds it, is also a leaf of the global tree.
 */
public final class EventChainer {

    public static final String ACTOR_CHAIN = "actor/";
    public static final String TYPE_CHAIN = "type/";

    private EventChainer() {
    }

    public static String chainIdOf(EventMessage<?> event, StoredEvent stored) {
        if (stored.fromAggregate()) {
            return stored.aggregateIdentifier();
        }
        return ActorMetaData.from(event.getMetaData()).map(actor -> ACTOR_CHAIN + actor.userId())
                .orElse(TYPE_CHAIN + stored.payloadType());
    }

    public static void chain(Connection connection, List<? extends EventMessage<?>> events) throws SQLException {
        Map<String, StoredEvent> stored = readBack(connection, events);
        // Chains locked in name order, so two transactions touching the same chains can never deadlock.
        Map<String, List<StoredEvent>> byChain = new TreeMap<>();
        for (EventMessage<?> event : events) {
            StoredEvent row = stored.get(event.getIdentifier());
            if (row == null) {
                throw new IllegalStateException("Event " + event.getIdentifier() + " was not stored in this transaction");
            }
            byChain.computeIfAbsent(chainIdOf(event, row), id -> new ArrayList<>()).add(row);
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into event_chain (global_index, chain_id,"
                + " chain_seq, event_identifier, payload_hash, meta_data_hash, leaf_hash, chain_hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, List<StoredEvent>> chain : byChain.entrySet()) {
                appendToChain(connection, insert, chain.getKey(), chain.getValue());
            }
            insert.executeBatch();
        }
    }

    private static void appendToChain(Connection connection, PreparedStatement insert, String chainId,
            List<StoredEvent> rows) throws SQLException {
        Head head = lockHead(connection, chainId);
        long seq = head.seq;
        byte[] hash = head.hash;
        for (StoredEvent row : rows) {
            seq++;
            byte[] leaf = row.leafHash();
            hash = Sha256.chain(hash, leaf);
            insert.setLong(1, row.globalIndex());
            insert.setString(2, chainId);
            insert.setLong(3, seq);
            insert.setString(4, row.eventIdentifier());
            insert.setBytes(5, row.payloadHash());
            insert.setBytes(6, row.metaDataHash());
            insert.setBytes(7, leaf);
            insert.setBytes(8, hash);
            insert.addBatch();
        }
        String sql = head.exists ? "update chain_head set chain_seq = ?, chain_hash = ? where chain_id = ?"
                : "insert into chain_head (chain_seq, chain_hash, chain_id) values (?, ?, ?)";
        try (PreparedStatement save = connection.prepareStatement(sql)) {
            save.setLong(1, seq);
            save.setBytes(2, hash);
            save.setString(3, chainId);
            save.executeUpdate();
        }
    }

    private static Head lockHead(Connection connection, String chainId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select chain_seq, chain_hash from chain_head where chain_id = ? for update")) {
            select.setString(1, chainId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? new Head(true, result.getLong(1), result.getBytes(2))
                        : new Head(false, -1, Sha256.EMPTY_CHAIN);
            }
        }
    }

    private static Map<String, StoredEvent> readBack(Connection connection, List<? extends EventMessage<?>> events)
            throws SQLException {
        String marks = String.join(", ", Collections.nCopies(events.size(), "?"));
        Map<String, StoredEvent> stored = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select " + StoredEvent.COLUMNS
                + " from domain_event_entry where event_identifier in (" + marks + ")")) {
            int i = 1;
            for (EventMessage<?> event : events) {
                select.setString(i++, event.getIdentifier());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StoredEvent row = StoredEvent.read(rows);
                    stored.put(row.eventIdentifier(), row);
                }
            }
        }
        return stored;
    }

    private record Head(boolean exists, long seq, byte[] hash) {
    }
}
