package org.peerjournal.app.escalation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;
import org.peerjournal.app.support.StandaloneApp;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acknowledgement deadline is persistent: the service stops before the deadline, the deadline passes while
 * it is down, and after the restart the overdue is recorded, exactly once; then the escalation is acknowledged
 * and resolved as usual.
 */
class EscalationRestartIT {

    private static final String SHORT_DEADLINE = "peerjournal.escalations.acknowledge-within.immediate=PT8S";

    @TempDir
    Path dataDir;

    @Test
    void anEscalationGoesOverdueAfterARestartExactlyOnce() {
        String journalId;
        String escalationId;
        Instant acknowledgeBy;
        try (StandaloneApp app = StandaloneApp.start(dataDir, SHORT_DEADLINE)) {
            JournalApi journals = app.journals();
            journalId = journals.openNorthJournal();
            ApiResponse raised = journals.raiseEscalation(journalId, "IMMEDIATE");
            escalationId = raised.body().get("escalationId").asText();
            acknowledgeBy = Instant.parse(raised.body().get("acknowledgeBy").asText());
            assertThat(overdueEvents(app, journalId)).isZero();
        }
        assertThat(Instant.now()).as("stopped before the deadline").isBefore(acknowledgeBy);

        try (StandaloneApp app = StandaloneApp.start(dataDir, SHORT_DEADLINE)) {
            JournalApi journals = app.journals();
            await().atMost(Duration.ofSeconds(30)).until(() -> overdueEvents(app, journalId) == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> isOverdueInQueue(journals, escalationId));
            // Whatever the scheduler does next, the overdue stays recorded once.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> overdueEvents(app, journalId) == 1);

            assertThat(journals.acknowledge("clara", journalId, escalationId, "Visited at home.").status())
                    .isEqualTo(200);
            assertThat(journals.resolve("clara", journalId, escalationId, "Safety plan in place.").status())
                    .isEqualTo(200);
            assertThat(Instant.now()).isAfter(acknowledgeBy);
        }
    }

    private static int overdueEvents(StandaloneApp app, String journalId) {
        return app.bean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry"
                + " where aggregate_identifier = ? and payload_type like '%SafetyEscalationOverdueEvent'",
                Integer.class, journalId);
    }

    private static boolean isOverdueInQueue(JournalApi journals, String escalationId) {
        for (var entry : journals.as("clara").getAllPages("/api/escalations").body()) {
            if (entry.get("escalationId").asText().equals(escalationId)) {
                return entry.get("overdue").asBoolean();
            }
        }
        return false;
    }
}
