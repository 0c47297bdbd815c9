package org.peerjournal.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projections' status (api.md, "Operations") for a segment this node does not process: on several nodes
 * another node holds it, and after a node's crash nobody does until its claim times out. The status counts such a
 * segment where its stored token says it got, so every node reports the same position and lag, and a segment nobody
 * processes shows as lag instead of being left out. Here the node itself lets go of its only segment for a while.
 */
class ProjectionStatusIT extends ApiIntegrationTest {

    private static final String PROJECTION = "journal-directory";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSegmentNoOneProcessesCountsWhereItsStoredTokenStandsAndShowsTheEventsSinceAsLag() {
        AdminApi admin = new AdminApi(anonymous);
        String projected = journals.openNorthJournal();
        admin.awaitCaughtUp();
        long projectedAt = globalIndexOf(projected);
        StreamingEventProcessor processor = processing.eventProcessor(PROJECTION, StreamingEventProcessor.class)
                .orElseThrow();

        processor.releaseSegment(0, 1, TimeUnit.MINUTES);
        try {
            await("the segment released").atMost(WAIT).until(() -> processor.processingStatus().isEmpty());
            String unprojected = journals.openNorthJournal();

            JsonNode status = admin.projection(PROJECTION);
            assertThat(status.path("segments").asInt()).as(status.toString()).isZero();
            long position = status.path("position").asLong();
            assertThat(position).as(status.toString()).isGreaterThanOrEqualTo(projectedAt)
                    .isLessThan(globalIndexOf(unprojected));
            assertThat(status.path("lag").asLong()).as(status.toString())
                    .isEqualTo(status.path("head").asLong() - position).isPositive();
        } finally {
            processor.claimSegment(0).join();
        }
        await("the segment processed again").atMost(WAIT).until(() -> !processor.processingStatus().isEmpty());
        admin.awaitCaughtUp();
    }

    private long globalIndexOf(String journalId) {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry where aggregate_identifier = ?",
                Long.class, journalId);
    }
}
