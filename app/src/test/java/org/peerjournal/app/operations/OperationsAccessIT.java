package org.peerjournal.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.assertUnauthorized;

/**
 * Who may operate the read side (api.md, "Operations (ADMIN)"): only the ADMIN, and what the ADMIN sees is about
 * projections and event types, never about patients (product.md, roles).
 */
class OperationsAccessIT extends ApiIntegrationTest {

    private static final List<String> STATES = List.of("RUNNING", "REPLAYING", "ERROR", "STOPPED");

    /** The three operations endpoints; replay is tried on "access-log", which only rebuilds a table. */
    enum Operation {
        PROJECTIONS(200) {
            @Override
            ApiResponse call(ApiClient client) {
                return client.get("/api/admin/projections");
            }
        },
        REPLAY(202) {
            @Override
            ApiResponse call(ApiClient client) {
                return client.postBytes("/api/admin/projections/access-log/replay", new byte[0], null);
            }
        },
        RECONCILIATION(200) {
            @Override
            ApiResponse call(ApiClient client) {
                return client.get("/api/admin/reconciliation");
            }
        };

        private final int allowed;

        Operation(int allowed) {
            this.allowed = allowed;
        }

        abstract ApiResponse call(ApiClient client);
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void onlyTheAdminMayOperateTheProjections(Operation operation) {
        for (String user : List.of("anna", "bo", "clara", "david", "eva")) {
            assertProblem(operation.call(as(user)), 403);
        }
        assertUnauthorized(operation.call(anonymous));

        ApiResponse allowed = operation.call(as("olle"));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(operation.allowed);
        assertThat(allowed.contentType()).startsWith("application/json");
        new AdminApi(anonymous).awaitCaughtUp();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna", "bo", "clara", "david", "eva"})
    void aRefusedReplayLeavesTheProjectionAlone(String user) {
        AdminApi admin = new AdminApi(anonymous);
        admin.awaitCaughtUp();
        JsonNode timeline = admin.projection("timeline");

        assertProblem(as(user).postBytes("/api/admin/projections/timeline/replay", new byte[0], null), 403);

        JsonNode afterwards = admin.projection("timeline");
        assertThat(afterwards.path("state").asText()).isEqualTo("RUNNING");
        assertThat(afterwards.path("position").asLong()).as("not reset to the first event")
                .isGreaterThanOrEqualTo(timeline.path("position").asLong());
    }

    @Test
    void theProjectionsAnswerDescribesEveryEventProcessor() {
        JsonNode projections = new AdminApi(anonymous).projections();

        assertThat(projections.findValuesAsText("name")).containsExactlyElementsOf(AdminApi.PROCESSORS);
        for (JsonNode projection : projections) {
            assertThat(projection.properties()).extracting(Map.Entry::getKey).as(projection.toString())
                    .containsExactlyInAnyOrder("name", "state", "position", "head", "lag", "segments", "replayable");
            assertThat(projection.path("state").asText()).isIn(STATES);
            assertThat(projection.path("segments").asInt()).as(projection.toString()).isPositive();
            assertThat(projection.path("head").asLong()).isGreaterThanOrEqualTo(projection.path("position").asLong());
            assertThat(projection.path("lag").asLong()).as(projection.toString())
                    .isEqualTo(projection.path("head").asLong() - projection.path("position").asLong());
            assertThat(projection.path("replayable").asBoolean()).as(projection.toString())
                    .isEqualTo(AdminApi.REPLAYABLE.contains(projection.path("name").asText()));
        }
    }

    @Test
    void noAdminAnswerCarriesPatientContent() {
        String patientRef = "P-" + UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        String noteText = "Talked about her sister's visit " + UUID.randomUUID();
        journals.recordNote(journalId, noteText);
        journals.raiseEscalation(journalId, "URGENT");
        journals.awaitTimelineEntries(journalId, "", 2);
        AdminApi admin = new AdminApi(anonymous);
        admin.awaitCaughtUp();

        List<String> answers = List.of(
                as("olle").get("/api/admin/projections").rawBody(),
                as("olle").get("/api/admin/reconciliation").rawBody(),
                admin.replay("access-log").rawBody(),
                admin.replay("escalation-notifications").rawBody(),
                admin.replay("nope").rawBody());
        admin.awaitCaughtUp();

        assertThat(answers).allSatisfy(body -> assertThat(body).isNotBlank()
                .doesNotContain(patientRef, "Patient " + patientRef, noteText,
                        JournalApi.escalation("URGENT").get("description").toString()));
    }
}
