package org.peerjournal.app.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auditor's integrity endpoints, checked the way an auditor would: with the public key and the proof. */
class IntegrityAuditIT extends ApiIntegrationTest {

    @Autowired
    Sealer sealer;

    @Test
    void theLatestCheckpointIsSignedByThePublishedKey() throws Exception {
        journals.recordNote(journals.openNorthJournal(), "A note to seal.");
        sealer.seal(Duration.ZERO, Duration.ZERO);

        ApiResponse key = as("eva").withHeader("Accept", "text/plain").get("/api/audit/checkpoints/public-key");
        ApiResponse note = as("eva").withHeader("Accept", "text/plain").get("/api/audit/checkpoints/latest");
        ApiResponse json = as("eva").get("/api/audit/checkpoints/latest");

        assertThat(key.status()).isEqualTo(200);
        assertThat(note.status()).isEqualTo(200);
        NoteVerifier verifier = NoteVerifier.parse(key.rawBody());
        assertThat(verifier.verifies(SignedNote.parse(note.rawBody()))).isTrue();
        assertThat(json.body().get("treeSize").asLong())
                .isEqualTo(SignedNote.parse(note.rawBody()).checkpoint().treeSize()).isPositive();
        assertThat(as("eva").get("/api/audit/checkpoints/public-key").body().get("verifierKey").asText())
                .isEqualTo(verifier.text());
    }

    @Test
    void aJournalsIntegrityCarriesAProofThatLeadsToTheSignedRoot() throws Exception {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "First.");
        journals.recordNote(journalId, "Second.");
        sealer.seal(Duration.ZERO, Duration.ZERO);

        ApiResponse answer = as("eva").get("/api/audit/journals/" + journalId + "/integrity");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.get("events").asLong()).isEqualTo(3);
        assertThat(body.get("chainVerifies").asBoolean()).isTrue();
        assertThat(body.get("verifies").asBoolean()).isTrue();
        JsonNode leaf = body.get("lastLeaf");
        JsonNode checkpoint = body.get("checkpoint");
        List<byte[]> proof = new ArrayList<>();
        body.get("inclusionProof").forEach(hash -> proof.add(Base64.getDecoder().decode(hash.asText())));
        // What the auditor does by hand: the leaf, its proof and the signed root agree.
        assertThat(MerkleTree.verifyInclusion(Base64.getDecoder().decode(leaf.get("leafHash").asText()),
                leaf.get("treeIndex").asLong(), checkpoint.get("treeSize").asLong(), proof,
                Base64.getDecoder().decode(checkpoint.get("rootHash").asText()))).isTrue();
        assertThat(leaf.get("sequenceNumber").asLong()).isEqualTo(2);
    }

    @Test
    void onlyAuditorsSeeIntegrityAndAnUnknownJournalIsNotFound() {
        String journalId = journals.openNorthJournal();

        assertThat(as("clara").get("/api/audit/journals/" + journalId + "/integrity").status()).isEqualTo(403);
        assertThat(as("olle").get("/api/audit/integrity").status()).isEqualTo(403);
        assertThat(as("anna").get("/api/audit/checkpoints/latest").status()).isEqualTo(403);
        assertThat(as("eva").get("/api/audit/journals/" + UUID.randomUUID() + "/integrity").status())
                .isEqualTo(404);
    }

    @Test
    void theFullVerificationRunsInTheBackgroundAndFindsTheStoreIntact() {
        journals.recordNote(journals.openNorthJournal(), "Verified in full.");
        sealer.seal(Duration.ZERO, Duration.ZERO);

        JsonNode run = await().atMost(Duration.ofSeconds(60)).until(
                () -> as("eva").get("/api/audit/integrity").body(), body -> body.get("status").asText().equals("DONE"));

        assertThat(run.get("discrepancies")).as(run.toString()).isEmpty();
        assertThat(run.get("intact").asBoolean()).isTrue();
        assertThat(run.get("verifiedTreeSize").asLong()).isPositive();
        assertThat(run.get("finishedAt").asText()).isNotEmpty();
    }
}
