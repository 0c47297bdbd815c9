package org.peerjournal.app.benchmark;

import org.peerjournal.app.integrity.Checkpoint;
import org.peerjournal.app.integrity.MerkleTree;
import org.peerjournal.app.integrity.Sha256;
import org.peerjournal.app.integrity.SigningKey;
import org.peerjournal.app.integrity.StoredEvent;
import org.peerjournal.app.support.StoreMigrations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * An H2 store (Flyway-migrated) filled by batched JDBC inserts, not through the application, so a million events
 * take a minute, not hours: events of 100 per journal with ~400-byte payloads, their chain entries, the tree and one
 * checkpoint signed over all of them. What the verifier then reads is what the application would have written.
 */
final class SyntheticIntegrityStore {

    static final int EVENTS_PER_JOURNAL = 100;
    private static final int BATCH = 5_000;
    private static final long JOURNAL_IDS = 0x4a4f55524e414cL;
    private static final long EVENT_IDS = 0x4556454e54L;

    private final String url;
    private final long checkpointSize;

    private SyntheticIntegrityStore(String url, long checkpointSize) {
        this.url = url;
        this.checkpointSize = checkpointSize;
    }

    /** The JDBC URL of the store, for the administrator {@code sa} with no password. */
    String url() {
        return url;
    }

    /** The tree size of the one signed checkpoint: every event. */
    long checkpointSize() {
        return checkpointSize;
    }

    static SyntheticIntegrityStore create(Path dir, int events) throws Exception {
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("peerjournal");
        StoreMigrations.flyway("h2").dataSource(url, "sa", "").load().migrate();
        return new SyntheticIntegrityStore(url, fill(url, events, dir.resolve("key.pem")));
    }

    private static long fill(String url, int events, Path keyFile) throws Exception {
        SigningKey key = SigningKey.generate("peer-journal", keyFile);
        MerkleTree tree = new MerkleTree();
        byte[] payload = ("{\"text\":\"" + "x".repeat(380) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] metaData = "{\"actorUserId\":\"anna\",\"actorRole\":\"PSW\",\"actorTeamId\":\"north\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] payloadHash = Sha256.of(payload);
        byte[] metaDataHash = Sha256.of(metaData);
        // A bigger page cache while seeding only (it is not a persistent setting).
        try (Connection connection = DriverManager.getConnection(url + ";CACHE_SIZE=262144", "sa", "");
                PreparedStatement event = connection.prepareStatement("insert into domain_event_entry"
                        + " (global_index, event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " values (?, ?, ?, ?, 'Journal', ?, 'Note', null, ?, ?)");
                PreparedStatement chain = connection.prepareStatement("insert into event_chain (global_index,"
                        + " chain_id, chain_seq, event_identifier, payload_hash, meta_data_hash, leaf_hash,"
                        + " chain_hash) values (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement leaf = connection.prepareStatement(
                        "insert into merkle_leaf (tree_index, global_index, leaf_hash) values (?, ?, ?)")) {
            connection.setAutoCommit(false);
            String journal = null;
            byte[] head = null;
            for (int i = 1; i <= events; i++) {
                long seq = (i - 1) % EVENTS_PER_JOURNAL;
                if (seq == 0) {
                    journal = new UUID(JOURNAL_IDS, i).toString();
                    head = Sha256.EMPTY_CHAIN;
                }
                // Ascending identifiers: the unique indexes grow at their end, not at random pages (faster to
                // seed); the verifier reads every table in its own index order anyway.
                String id = new UUID(EVENT_IDS, i).toString();
                String time = Instant.ofEpochSecond(1_700_000_000L + i).toString();
                byte[] hash = new StoredEvent(i, id, journal, seq, "Journal", time, "Note", null, payloadHash,
                        metaDataHash).leafHash();
                head = Sha256.chain(head, hash);
                event.setLong(1, i);
                event.setString(2, id);
                event.setString(3, journal);
                event.setLong(4, seq);
                event.setString(5, time);
                event.setBytes(6, payload);
                event.setBytes(7, metaData);
                event.addBatch();
                chain.setLong(1, i);
                chain.setString(2, journal);
                chain.setLong(3, seq);
                chain.setString(4, id);
                chain.setBytes(5, payloadHash);
                chain.setBytes(6, metaDataHash);
                chain.setBytes(7, hash);
                chain.setBytes(8, head);
                chain.addBatch();
                leaf.setLong(1, tree.size());
                leaf.setLong(2, i);
                leaf.setBytes(3, hash);
                leaf.addBatch();
                tree.append(hash);
                if (i % BATCH == 0 || i == events) {
                    event.executeBatch();
                    chain.executeBatch();
                    leaf.executeBatch();
                    connection.commit();
                }
            }
            signCheckpoint(connection, key, tree);
            connection.commit();
        }
        return tree.size();
    }

    private static void signCheckpoint(Connection connection, SigningKey key, MerkleTree tree) throws Exception {
        try (PreparedStatement checkpoint = connection.prepareStatement("insert into checkpoint (tree_size,"
                + " root_hash, signed_note, created_at) values (?, ?, ?, ?)");
                PreparedStatement publicKey = connection.prepareStatement("insert into signing_public_key"
                        + " (key_name, key_id, verifier_key, created_at) values (?, ?, ?, ?)")) {
            checkpoint.setLong(1, tree.size());
            checkpoint.setBytes(2, tree.root());
            checkpoint.setString(3, key.sign(new Checkpoint("peer-journal", tree.size(), tree.root()).text()));
            checkpoint.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
            checkpoint.executeUpdate();
            publicKey.setString(1, key.name());
            publicKey.setString(2, key.verifier().keyIdHex());
            publicKey.setString(3, key.verifier().text());
            publicKey.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
            publicKey.executeUpdate();
        }
    }
}
