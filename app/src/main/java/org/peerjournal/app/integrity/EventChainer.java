package org.peerjournal.app.integrity;

import org.axonframework.eventhandling.EventMessage;
import org.peerjournal.app.integrity.CommittedJournalHeads.ChainHead;
import org.peerjournal.shared.actor.ActorMetaData;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the hash chain entries of just-appended events, on the appending transaction's own connection: it chains
 * each row, as the engine reports it stored it, onto the head of its chain, so that two transactions never chain
 * onto the same head.
 *
 * <p>A journal's head is its previous entry, {@code (journal, sequence - 1)}: a journal's chain position is its
 * event's sequence number, and the store already lets only one transaction append a journal's sequence number
 * (the event table's unique key on journal and sequence, and the chain's on chain and position), so a journal's
 * append needs no lock and no head row of its own. The other chains (below) follow no such sequence: their head is a
 * row of {@code chain_head}, locked for the rest of the transaction.
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
        return chainIdOf(stored, ActorMetaData.from(event.getMetaData()).map(actor -> actor.userId()));
    }

    /** The chain of a stored event: its journal's, else its actor's, else its payload type's. */
    public static String chainIdOf(StoredEvent stored, Optional<String> actorUserId) {
        if (stored.fromAggregate()) {
            return stored.aggregateIdentifier();
        }
        return actorUserId.map(userId -> ACTOR_CHAIN + userId).orElse(TYPE_CHAIN + stored.payloadType());
    }

    /** Chains events stored before chaining existed (migration V12_4), in the order given, onto their chains. */
    public static void chainStored(Connection connection, Map<String, List<StoredEvent>> byChain) throws SQLException {
        appendToChains(connection, new TreeMap<>(byChain), new CommittedJournalHeads());
    }

    /**
     * Chains just-stored events; {@code rows}: each event's row as the engine stored it, in the same order. A
     * journal's previous entry is taken from {@code known} when it is there. Answers the journals' new heads.
     */
    static List<ChainHead> chain(Connection connection, List<? extends EventMessage<?>> events, List<StoredEvent> rows,
            CommittedJournalHeads known) throws SQLException {
        if (rows.size() != events.size()) {
            throw new IllegalStateException("The engine reported " + rows.size() + " rows for " + events.size()
                    + " events");
        }
        // Chains locked in name order, so two transactions touching the same chains can never deadlock.
        TreeMap<String, List<StoredEvent>> byChain = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            EventMessage<?> event = events.get(i);
            StoredEvent row = rows.get(i);
            if (!row.eventIdentifier().equals(event.getIdentifier())) {
                throw new IllegalStateException("Event " + event.getIdentifier() + " was stored as "
                        + row.eventIdentifier());
            }
            byChain.computeIfAbsent(chainIdOf(event, row), id -> new ArrayList<>()).add(row);
        }
        return appendToChains(connection, byChain, known);
    }

    private static List<ChainHead> appendToChains(Connection connection, TreeMap<String, List<StoredEvent>> byChain,
            CommittedJournalHeads known) throws SQLException {
        List<ChainHead> journalHeads = new ArrayList<>();
        try (PreparedStatement insert = insertStatement(connection)) {
            for (Map.Entry<String, List<StoredEvent>> chain : byChain.entrySet()) {
                ChainHead head = appendToChain(connection, insert, chain.getKey(), chain.getValue(), known);
                if (chain.getValue().get(0).fromAggregate()) {
                    journalHeads.add(head);
                }
            }
            insert.executeBatch();
        }
        return journalHeads;
    }

    private static PreparedStatement insertStatement(Connection connection) throws SQLException {
        return connection.prepareStatement("insert into event_chain (global_index, chain_id, chain_seq,"
                + " event_identifier, payload_hash, meta_data_hash, leaf_hash, chain_hash) values (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    private static ChainHead appendToChain(Connection connection, PreparedStatement insert, String chainId,
            List<StoredEvent> rows, CommittedJournalHeads known) throws SQLException {
        boolean journal = rows.get(0).fromAggregate();
        Head head = journal ? journalHead(connection, chainId, rows.get(0).sequenceNumber(), known)
                : lockHead(connection, chainId);
        long seq = head.seq;
        byte[] hash = head.hash;
        for (StoredEvent row : rows) {
            seq++;
            if (journal && row.sequenceNumber() != seq) {
                throw new IllegalStateException("Journal " + chainId + " event " + row.eventIdentifier()
                        + " has sequence number " + row.sequenceNumber() + " where its chain expects " + seq);
            }
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
        if (!journal) {
            saveHead(connection, chainId, head.exists, seq, hash);
        }
        return new ChainHead(chainId, seq, hash);
    }

    private static void saveHead(Connection connection, String chainId, boolean exists, long seq, byte[] hash)
            throws SQLException {
        String sql = exists ? "update chain_head set chain_seq = ?, chain_hash = ? where chain_id = ?"
                : "insert into chain_head (chain_seq, chain_hash, chain_id) values (?, ?, ?)";
        try (PreparedStatement save = connection.prepareStatement(sql)) {
            save.setLong(1, seq);
            save.setBytes(2, hash);
            save.setString(3, chainId);
            save.executeUpdate();
        }
    }

    /**
     * The entry before a journal's first new event: none before sequence 0; else it must be there, committed (the
     * command that appends sequence n was decided on the journal's events up to n - 1) or written earlier in this
     * transaction. A committed entry is taken from {@code known} when it is there, and read otherwise.
     */
    private static Head journalHead(Connection connection, String journalId, long firstSequence,
            CommittedJournalHeads known) throws SQLException {
        if (firstSequence == 0) {
            return new Head(false, -1, Sha256.EMPTY_CHAIN);
        }
        Optional<byte[]> remembered = known.hashAt(journalId, firstSequence - 1);
        if (remembered.isPresent()) {
            return new Head(true, firstSequence - 1, remembered.get());
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select chain_hash from event_chain where chain_id = ? and chain_seq = ?")) {
            select.setString(1, journalId);
            select.setLong(2, firstSequence - 1);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("Journal " + journalId + " has no chain entry at sequence "
                            + (firstSequence - 1) + " to chain sequence " + firstSequence + " onto");
                }
                return new Head(true, firstSequence - 1, result.getBytes(1));
            }
        }
    }

    /**
     * Locks the chain's head row for the rest of the transaction, then reads it. The lock is taken by an update that
     * changes nothing rather than by {@code select ... for update}: H2 caches no FOR UPDATE statement and parsed it
     * anew at every read event (a tenth of what logging a read cost, docs/benchmarks.md); its updates and plain
     * selects are cached. Both databases hold an updated row's lock until the transaction ends, and the select after
     * it reads the head as the transaction that held the lock before committed it. No row: the chain starts here.
     */
    private static Head lockHead(Connection connection, String chainId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "update chain_head set chain_seq = chain_seq where chain_id = ?")) {
            lock.setString(1, chainId);
            if (lock.executeUpdate() == 0) {
                return new Head(false, -1, Sha256.EMPTY_CHAIN);
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select chain_seq, chain_hash from chain_head where chain_id = ?")) {
            select.setString(1, chainId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("The head of chain " + chainId + " vanished under its lock");
                }
                return new Head(true, result.getLong(1), result.getBytes(2));
            }
        }
    }

    private record Head(boolean exists, long seq, byte[] hash) {
    }
}
