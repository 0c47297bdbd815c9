package org.peerjournal.app.integrity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an attacker holding the database owner's account does, in plain JDBC: with the rewrite guards out of the
 * way, change, swap, delete, insert and re-chain stored rows.
 */
final class Tampering {

    private final Connection connection;

    Tampering(Connection connection) {
        this.connection = connection;
    }

    byte[] column(String column, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + column + " from domain_event_entry where event_identifier = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }

    void setColumn(String column, String eventId, byte[] value) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update domain_event_entry set " + column + " = ? where event_identifier = ?")) {
            update.setBytes(1, value);
            update.setString(2, eventId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("No event " + eventId);
            }
        }
    }

    void replaceInColumn(String column, String eventId, String from, String to) throws SQLException {
        String text = new String(column(column, eventId), StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalStateException(column + " of " + eventId + " has no " + from + ": " + text);
        }
        setColumn(column, eventId, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    void execute(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    List<String> eventIds(String journalId) throws SQLException {
        return strings("select event_identifier from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", journalId);
    }

    List<String> strings(String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    values.add(row.getString(1));
                }
            }
        }
        return values;
    }

    /** Appends a copy of the journal's last event as a new event, with its chain entry computed correctly. */
    String insertChainedCopyOfLastEvent(String journalId) throws SQLException {
        String forgedId = UUID.randomUUID().toString();
        long globalIndex = Long.parseLong(strings("select max(global_index) + 1 from domain_event_entry").get(0));
        execute("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                + " select ?, ?, aggregate_identifier, sequence_number + 1, type, time_stamp, payload_type,"
                + " payload_revision, payload, meta_data from domain_event_entry where aggregate_identifier = ?"
                + " and sequence_number = (select max(sequence_number) from domain_event_entry"
                + " where aggregate_identifier = ?)", globalIndex, forgedId, journalId, journalId);
        StoredEvent forged = stored(globalIndex);
        byte[] previous;
        try (PreparedStatement head = connection.prepareStatement("select chain_hash from event_chain"
                + " where chain_id = ? order by chain_seq desc")) {
            head.setString(1, journalId);
            try (ResultSet row = head.executeQuery()) {
                row.next();
                previous = row.getBytes(1);
            }
        }
        byte[] leaf = forged.leafHash();
        execute("insert into event_chain (global_index, chain_id, chain_seq, event_identifier, payload_hash,"
                + " meta_data_hash, leaf_hash, chain_hash) values (?, ?, ?, ?, ?, ?, ?, ?)", globalIndex, journalId,
                forged.sequenceNumber(), forgedId, forged.payloadHash(), forged.metaDataHash(), leaf,
                Sha256.chain(previous, leaf));
        return forgedId;
    }

    /** Rebuilds the tree from the chain entries, each chain's entries together, so a forged one sits among them. */
    void resealInChainOrder() throws SQLException {
        execute("delete from merkle_leaf");
        execute("insert into merkle_leaf (tree_index, global_index, leaf_hash) select"
                + " row_number() over (order by chain_id, chain_seq) - 1, global_index, leaf_hash from event_chain");
    }

    /**
     * The thorough forgery: every chain, the tree and a checkpoint recomputed from the (changed) events, signed
     * with the attacker's own key, which replaces the published one in the database.
     */
    void rewriteEverythingWithANewKey(Path keyFile) throws Exception {
        Map<Long, String> chainIds = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select global_index, chain_id from event_chain")) {
            while (row.next()) {
                chainIds.put(row.getLong(1), row.getString(2));
            }
        }
        for (String table : List.of("event_chain", "chain_head", "merkle_leaf", "checkpoint", "signing_public_key")) {
            execute("delete from " + table);
        }
        Map<String, long[]> seqs = new LinkedHashMap<>();
        Map<String, byte[]> heads = new HashMap<>();
        MerkleTree tree = new MerkleTree();
        for (long globalIndex : globalIndexes()) {
            StoredEvent event = stored(globalIndex);
            String chainId = chainIds.get(globalIndex);
            long seq = ++seqs.computeIfAbsent(chainId, id -> new long[] {-1})[0];
            byte[] leaf = event.leafHash();
            byte[] head = Sha256.chain(heads.getOrDefault(chainId, Sha256.EMPTY_CHAIN), leaf);
            heads.put(chainId, head);
            execute("insert into event_chain (global_index, chain_id, chain_seq, event_identifier, payload_hash,"
                    + " meta_data_hash, leaf_hash, chain_hash) values (?, ?, ?, ?, ?, ?, ?, ?)", globalIndex,
                    chainId, seq, event.eventIdentifier(), event.payloadHash(), event.metaDataHash(), leaf, head);
            execute("insert into merkle_leaf (tree_index, global_index, leaf_hash) values (?, ?, ?)", tree.size(),
                    globalIndex, leaf);
            tree.append(leaf);
        }
        SigningKey key = SigningKey.generate("peer-journal", keyFile);
        execute("insert into signing_public_key (key_name, key_id, verifier_key, created_at) values (?, ?, ?, ?)",
                key.name(), key.verifier().keyIdHex(), key.verifier().text(), new Timestamp(0));
        execute("insert into checkpoint (tree_size, root_hash, signed_note, created_at) values (?, ?, ?, ?)",
                tree.size(), tree.root(), key.sign(new Checkpoint("peer-journal", tree.size(), tree.root()).text()),
                new Timestamp(0));
    }

    private List<Long> globalIndexes() throws SQLException {
        return strings("select global_index from domain_event_entry order by global_index").stream()
                .map(Long::parseLong).toList();
    }

    private StoredEvent stored(long globalIndex) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + StoredEvent.COLUMNS + " from domain_event_entry where global_index = ?")) {
            select.setLong(1, globalIndex);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return StoredEvent.read(row);
            }
        }
    }
}
