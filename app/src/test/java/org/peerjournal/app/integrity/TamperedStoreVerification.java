package org.peerjournal.app.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tamper case of issue #11 against the real {@code verify} command (a child process): one store is seeded
 * through the running application and stopped (its last checkpoint signed into the witness file), then each test
 * tampers with a fresh copy of it through plain JDBC as the database owner and asserts exit code and output.
 * Subclasses say which store (H2, PostgreSQL) and how to copy it.
 */
abstract class TamperedStoreVerification {

    /** What the seed stored: journal A with three notes and a read, then journal B with two notes, last. */
    record Seed(Path dataDir, Path witnessFile, String journalA, String journalB) {

        Path publicKey() {
            return dataDir.resolve("checkpoint-signing-key.pub");
        }
    }

    /** A fresh copy of the seeded store, tampered with as its owner. */
    abstract static class StoreCopy implements AutoCloseable {

        private final Connection owner;

        StoreCopy(Connection owner) {
            this.owner = owner;
        }

        Connection owner() {
            return owner;
        }

        /** Takes the database's own rewrite guards (triggers) out of the way, as an owner can. */
        abstract void allowRewrites() throws SQLException;

        /** The arguments that point {@code verify} at this copy. */
        abstract List<String> storeArguments();

        /** Ends the owner's session (done tampering); may be called more than once. */
        @Override
        public void close() throws SQLException {
            owner.close();
        }
    }

    @TempDir
    Path scratch;

    protected abstract Seed seed();

    protected abstract StoreCopy freshCopy() throws Exception;

    /** How the store's users sign in: demo users on H2, bearer tokens on PostgreSQL. */
    interface SignIn {
        ApiClient as(ApiClient anonymous, String user, String role);
    }

    static Seed seedStore(Path dataDir, Path witnessFile, SignIn signIn, String... settings) {
        List<String> all = new ArrayList<>(List.of(settings));
        all.add("peerjournal.integrity.witness-file=" + witnessFile);
        // Journal A's third event triggers a snapshot, so there is one to tamper with.
        all.add("peerjournal.journal.snapshot-threshold=3");
        try (StandaloneApp app = StandaloneApp.start(dataDir, all.toArray(String[]::new))) {
            ApiClient teamLead = signIn.as(app.client(), "david", "TEAM_LEAD");
            ApiClient psw = signIn.as(app.client(), "anna", "PSW");
            String a = open(teamLead);
            for (String text : List.of("Talked about the week ahead.", "Went to the housing office together.",
                    "Planned the first recovery group.")) {
                assertThat(psw.post("/api/journals/" + a + "/notes", JournalApi.note(text)).status()).isEqualTo(201);
            }
            assertThat(signIn.as(app.client(), "clara", "CLINICIAN").get("/api/journals/" + a + "/timeline")
                    .status()).isEqualTo(200);
            String b = open(teamLead);
            for (String text : List.of("First meeting at the ward.", "Second meeting, outside.")) {
                assertThat(psw.post("/api/journals/" + b + "/notes", JournalApi.note(text)).status()).isEqualTo(201);
            }
            return new Seed(dataDir, witnessFile, a, b);
        }
        // closing the application seals the rest and signs a last checkpoint into the witness file
    }

    private static String open(ApiClient teamLead) {
        return JournalApi.openJournal(teamLead, "north", "TAMPER-" + UUID.randomUUID());
    }

    @Test
    void anUntouchedStoreVerifies() throws Exception {
        try (StoreCopy store = freshCopy()) {
            VerifyProcess result = verify(store, "--public-key=" + seed().publicKey(),
                    "--witness-file=" + seed().witnessFile());

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.output()).contains("INTACT").doesNotContain("TAMPERED");
        }
    }

    @Test
    void aTamperedSnapshotChangesNothingVerifyReports() throws Exception {
        VerifyProcess untouched;
        try (StoreCopy store = freshCopy()) {
            untouched = verify(store, "--public-key=" + seed().publicKey(), "--witness-file=" + seed().witnessFile());
        }
        try (StoreCopy store = freshCopy()) {
            Tampering tampering = new Tampering(store.owner());
            assertThat(tampering.strings("select aggregate_identifier from snapshot_event_entry"))
                    .contains(seed().journalA());
            // Snapshots are a cache outside the chain: not guarded, not hashed; the owner rewrites one at will.
            tampering.execute("update snapshot_event_entry set payload = ? where aggregate_identifier = ?",
                    ("{\"journalId\":\"" + seed().journalA() + "\",\"teamId\":\"south\"}")
                            .getBytes(StandardCharsets.UTF_8), seed().journalA());
            VerifyProcess result = verify(store, "--public-key=" + seed().publicKey(),
                    "--witness-file=" + seed().witnessFile());

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.output()).isEqualTo(untouched.output());
        }
    }

    @Test
    void aChangedPayloadByteIsFound() throws Exception {
        try (StoreCopy store = freshCopy()) {
            store.allowRewrites();
            Tampering tampering = new Tampering(store.owner());
            String event = tampering.eventIds(seed().journalA()).get(1);
            tampering.replaceInColumn("payload", event, "week", "weak");

            assertTampered(verify(store), "journal " + seed().journalA() + " sequence 1 event " + event
                    + ": payload changed");
        }
    }

    @Test
    void aChangedActorIsFound() throws Exception {
        try (StoreCopy store = freshCopy()) {
            store.allowRewrites();
            Tampering tampering = new Tampering(store.owner());
            String event = tampering.eventIds(seed().journalA()).get(2);
            tampering.replaceInColumn("meta_data", event, "anna", "olle");

            assertTampered(verify(store), "journal " + seed().journalA() + " sequence 2 event " + event
                    + ": metadata (actor, role, team) changed");
        }
    }

    @Test
    void anEventDeletedInTheMiddleIsFound() throws Exception {
        try (StoreCopy store = freshCopy()) {
            store.allowRewrites();
            Tampering tampering = new Tampering(store.owner());
            String event = tampering.eventIds(seed().journalA()).get(2);
            tampering.execute("delete from domain_event_entry where event_identifier = ?", event);

            assertTampered(verify(store), "journal " + seed().journalA() + " sequence 2 event " + event
                    + ": event missing");
        }
    }

    @Test
    void aJournalsLastEventsDeletedWithTheirTracesAreFoundAgainstTheWitnessedCheckpoint() throws Exception {
        try (StoreCopy store = freshCopy()) {
            store.allowRewrites();
            Tampering tampering = new Tampering(store.owner());
            // A thorough attacker: the events, their chain entries, tree leaves and the checkpoints covering them.
            List<String> last = tampering.eventIds(seed().journalB()).subList(1, 3);
            for (String event : last) {
                tampering.execute("delete from merkle_leaf where global_index = (select global_index from"
                        + " event_chain where event_identifier = ?)", event);
                tampering.execute("delete from event_chain where event_identifier = ?", event);
                tampering.execute("delete from domain_event_entry where event_identifier = ?", event);
            }
            tampering.execute("delete from checkpoint where tree_size > (select count(*) from merkle_leaf)");

            VerifyProcess result = verify(store, "--public-key=" + seed().publicKey(),
                    "--witness-file=" + seed().witnessFile());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(VerifyCommand.TAMPERED);
            assertThat(result.output()).containsPattern("TAMPERED trusted checkpoint of tree size \\d+: the store's"
                    + " tree has only \\d+ leaves; positions \\d+\\.\\.\\d+ missing");
        }
    }

    @Test
    void twoSwappedPayloadsAreFound() throws Exception {
        try (StoreCopy store = freshCopy()) {
            store.allowRewrites();
            Tampering tampering = new Tampering(store.owner());
            List<String> events = tampering.eventIds(seed().journalA());
            byte[] first = tampering.column("payload", events.get(1));
            byte[] second = tampering.column("payload", events.get(2));
            tampering.setColumn("payload", events.get(1), second);
            tampering.setColumn("payload", events.get(2), first);

            VerifyProcess result = verify(store);
            assertTampered(result, "journal " + seed().journalA() + " sequence 1 event " + events.get(1)
                    + ": payload changed");
            assertThat(result.output()).contains("journal " + seed().journalA() + " sequence 2 event "
                    + events.get(2) + ": payload changed");
        }
    }

    @Test
    void anEventInsertedWithACorrectlyRecomputedChainIsFoundByTheSignedRoot() throws Exception {
        try (StoreCopy store = freshCopy()) {
            store.allowRewrites();
            Tampering tampering = new Tampering(store.owner());
            tampering.insertChainedCopyOfLastEvent(seed().journalA());
            // The tree rebuilt too, with the forged event in its place among journal A's events.
            tampering.resealInChainOrder();

            VerifyProcess result = verify(store, "--public-key=" + seed().publicKey());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(VerifyCommand.TAMPERED);
            assertThat(result.output()).doesNotContain("chain hash differs").containsPattern(
                    "TAMPERED checkpoint in the database of tree size \\d+: the store's root at that size differs");
        }
    }

    @Test
    void aStoreRewrittenConsistentlyWithANewKeyIsFoundByThePublishedKeyAndByTheWitnessFile() throws Exception {
        try (StoreCopy store = freshCopy()) {
            store.allowRewrites();
            Tampering tampering = new Tampering(store.owner());
            tampering.replaceInColumn("payload", tampering.eventIds(seed().journalA()).get(1), "week", "weak");
            tampering.rewriteEverythingWithANewKey(scratch.resolve("attacker.pem"));

            VerifyProcess withKey = verify(store, "--public-key=" + seed().publicKey());
            assertThat(withKey.exitCode()).as(withKey.toString()).isEqualTo(VerifyCommand.TAMPERED);
            assertThat(withKey.output()).contains("not signed by a trusted key");

            VerifyProcess withWitness = verify(store, "--witness-file=" + seed().witnessFile());
            assertThat(withWitness.exitCode()).as(withWitness.toString()).isEqualTo(VerifyCommand.TAMPERED);
            assertThat(withWitness.output()).contains("TAMPERED trusted checkpoint", "not signed by a trusted key");

            // What neither is given for: the store alone vouches for itself, and the verifier says so.
            VerifyProcess alone = verify(store);
            assertThat(alone.exitCode()).as(alone.toString()).isEqualTo(VerifyCommand.INTACT);
            assertThat(alone.output()).contains("NOTE No --public-key given");
        }
    }

    @Test
    void aTruncatedEventTableIsFound() throws Exception {
        try (StoreCopy store = freshCopy()) {
            store.allowRewrites();
            Tampering tampering = new Tampering(store.owner());
            List<String> events = tampering.eventIds(seed().journalA());
            tampering.execute("truncate table domain_event_entry");

            VerifyProcess result = verify(store, "--public-key=" + seed().publicKey());
            assertTampered(result, "journal " + seed().journalA() + " sequence 0 event " + events.get(0)
                    + ": event missing");
            assertThat(result.output()).contains("sequence 3 event " + events.get(3) + ": event missing");
        }
    }

    @Test
    void aKeyFileThatIsNoKeyCannotVerify() throws Exception {
        try (StoreCopy store = freshCopy()) {
            java.nio.file.Files.writeString(scratch.resolve("not-a-key.pub"), "hello");
            VerifyProcess result = verify(store, "--public-key=" + scratch.resolve("not-a-key.pub"));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(VerifyCommand.CANNOT_VERIFY);
            assertThat(result.output()).contains("CANNOT VERIFY");
        }
    }

    private static VerifyProcess verify(StoreCopy store, String... arguments) throws Exception {
        store.close(); // done tampering: an embedded store opens for one process at a time
        return VerifyProcess.run(Stream.concat(store.storeArguments().stream(), Stream.of(arguments)).toList());
    }

    private static void assertTampered(VerifyProcess result, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(VerifyCommand.TAMPERED);
        assertThat(result.output()).as(result.toString()).contains("TAMPERED " + line);
    }
}
