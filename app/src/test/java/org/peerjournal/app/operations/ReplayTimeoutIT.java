package org.peerjournal.app.operations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.peerjournal.app.support.TokenTable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;

/**
 * docs/operations.md, "Replaying a projection": a replay waits for the other nodes to let go of the projection's
 * segments; if one keeps holding a segment (here a node that keeps extending its claim without ever looking at
 * replays) past {@code replay-timeout}, the request answers 409, nothing is reset, and once that node's claim lapses
 * this node's processor takes the segment and runs on.
 */
class ReplayTimeoutIT {

    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(3);
    private static final String HOLDER = "node-that-holds-on";

    @TempDir
    Path dataDir;

    @Test
    void aReplayWhoseSegmentAnotherNodeKeepsHoldingIsRefusedAfterTheReplayTimeoutAndResetsNothing()
            throws InterruptedException {
        // Short cluster timings, so the test need not wait the default 30 s (each within the rules checked at start).
        try (StandaloneApp app = StandaloneApp.start(dataDir, "peerjournal.cluster.claim-timeout=PT2S",
                "peerjournal.cluster.node-timeout=PT1S", "peerjournal.cluster.balance-interval=PT0.5S",
                "peerjournal.cluster.replay-timeout=" + REPLAY_TIMEOUT)) {
            AdminApi admin = new AdminApi(app.client());
            JournalApi journals = app.journals();
            String journalId = journals.openNorthJournal();
            journals.recordNote(journalId, "Recorded before the replay.");
            admin.awaitCaughtUp();
            JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
            ScheduledExecutorService otherNode = Executors.newSingleThreadScheduledExecutor();
            try {
                otherNode.scheduleAtFixedRate(() -> holdTheTimelinesSegment(jdbc), 0, 100, TimeUnit.MILLISECONDS);
                await("the other node holding the timeline's segment").atMost(Duration.ofSeconds(30))
                        .until(() -> TokenTable.owners(jdbc, "timeline"), owners -> owners.equals(List.of(HOLDER)));

                Instant asked = Instant.now();
                assertThat(assertProblem(admin.replay("timeline"), 409).path("detail").asText())
                        .contains("still hold segments");
                assertThat(Duration.between(asked, Instant.now())).as("waited for the other node first")
                        .isGreaterThanOrEqualTo(REPLAY_TIMEOUT);
                assertThat(TokenTable.tokenTypes(jdbc, "timeline")).as("not reset").isNotEmpty()
                        .noneMatch(type -> type.contains("ReplayToken"));
                assertThat(jdbc.queryForObject("select count(*) from projection_replay", Long.class)).isZero();
            } finally {
                otherNode.shutdown();
                assertThat(otherNode.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            journals.recordNote(journalId, "Recorded once the other node let go.");
            admin.awaitCaughtUp();
            assertThat(journals.awaitTimelineEntries(journalId, "", 2).status()).isEqualTo(200);
        }
    }

    /**
     * Extends the other node's claim, as a live node does. A failed update (a lock wait while this node's processor
     * or the replay holds the row) is tried again at the next tick: an exception would end the schedule for good.
     */
    private static void holdTheTimelinesSegment(JdbcTemplate jdbc) {
        try {
            jdbc.update("update token_entry set owner = ?, timestamp = ? where processor_name = 'timeline'", HOLDER,
                    Instant.now().toString());
        } catch (DataAccessException lockedMeanwhile) {
            // the next tick extends it
        }
    }
}
