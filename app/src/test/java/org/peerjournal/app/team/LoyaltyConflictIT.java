package org.peerjournal.app.team;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.peerjournal.app.support.ProblemAssertions.assertInvalidField;
import static org.peerjournal.app.support.ProblemAssertions.assertProblem;
import static org.peerjournal.app.support.ProblemAssertions.assertUnauthorized;
import static org.peerjournal.app.support.ProblemAssertions.withoutInstance;
import static org.peerjournal.app.team.TeamFixtures.CONFLICT_KINDS;
import static org.peerjournal.app.team.TeamFixtures.FORUMS;
import static org.peerjournal.app.team.TeamFixtures.conflicts;
import static org.peerjournal.app.team.TeamFixtures.discussion;
import static org.peerjournal.app.team.TeamFixtures.discussions;
import static org.peerjournal.app.team.TeamFixtures.elementWith;
import static org.peerjournal.app.team.TeamFixtures.flag;
import static org.peerjournal.app.team.TeamFixtures.resolution;
import static org.peerjournal.app.team.TeamFixtures.resolutionOf;

/**
 * Loyalty-conflict flags over HTTP (api.md, "Loyalty-conflict flags"; product.md, "Loyalty conflicts"): flagged by
 * a PSW with both perspectives, discussed by the team any number of times, resolved once by the team lead or the
 * flagging PSW; shown in the timeline and counted in the journal list; refused for everyone else and for bad
 * input, with nothing stored.
 */
class LoyaltyConflictIT extends ApiIntegrationTest {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(20);
    private static final String ANONYMOUS = "anonymous";
    private static final String CONFLICTS_ONLY = "types=LOYALTY_CONFLICT";
    private static final String SENTINEL = "Sentinel written after the refused request.";

    /**
     * The expected status per endpoint and caller. bo is a PSW, so his role passes, but of team south: the north
     * journal is answered as if it did not exist.
     */
    private static final String MATRIX = """
            endpoint   anonymous  anna  bo   clara  david  eva  olle
            FLAG       401        201   404  403    403    403  403
            DISCUSS    401        201   404  201    201    403  403
            RESOLVE    401        200   404  403    200    403  403
            """;

    enum Endpoint {
        FLAG("anna"),
        DISCUSS("clara"),
        RESOLVE("david");

        /** A user the endpoint admits. */
        final String allowedUser;

        Endpoint(String allowedUser) {
            this.allowedUser = allowedUser;
        }

        String path(String journalId, String conflictId) {
            return switch (this) {
                case FLAG -> conflicts(journalId);
                case DISCUSS -> discussions(journalId, conflictId);
                case RESOLVE -> resolutionOf(journalId, conflictId);
            };
        }

        Map<String, Object> validBody() {
            return switch (this) {
                case FLAG -> flag("COERCIVE_MEASURES", true);
                case DISCUSS -> discussion("TEAM_MEETING", "Talked through the belt restraint last night.");
                case RESOLVE -> resolution("Agreed that the PSW is never asked to assist with restraint.");
            };
        }

        ApiResponse call(ApiClient client, Fixture fixture) {
            return client.post(path(fixture.journalId(), fixture.conflictId()), validBody());
        }
    }

    /** A north journal with one open conflict flagged by anna. */
    record Fixture(String journalId, String conflictId) {
    }

    /** One invalid request: the endpoint, what is wrong, the field the answer must name, and the body. */
    record Rejection(Endpoint endpoint, String description, String field, Map<String, Object> body) {

        @Override
        public String toString() {
            return endpoint + ": " + description;
        }
    }

    @Test
    void aFlagIsDiscussedByTheTeamThenResolvedByTheTeamLeadAndTakesNothingMore() {
        String journalId = journals.openNorthJournal();
        String noteId = journals.recordNote(journalId, "Talked about the medication review.");

        Instant flagFrom = now();
        ApiResponse flagged = as("anna").post(conflicts(journalId), flag("MEDICATION", true));
        Instant flagTo = Instant.now();
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);
        String conflictId = flagged.body().get("conflictId").asText();
        assertThatCode(() -> UUID.fromString(conflictId)).as("a UUID").doesNotThrowAnyException();
        assertThat(flagged.body().get("journalId").asText()).isEqualTo(journalId);

        JsonNode open = awaitConflict(journalId, conflictId, entry -> true);
        assertThat(open.get("type").asText()).isEqualTo("LOYALTY_CONFLICT");
        assertThat(open.get("status").asText()).isEqualTo("OPEN");
        assertThat(open.get("author").asText()).isEqualTo("anna");
        assertThat(Instant.parse(open.get("recordedAt").asText())).isBetween(flagFrom, flagTo);
        assertThat(open.get("occurredAt").asText()).isEqualTo(open.get("recordedAt").asText());
        JsonNode details = open.get("loyaltyConflict");
        assertThat(details.get("kind").asText()).isEqualTo("MEDICATION");
        assertThat(details.get("description").asText()).isEqualTo("Maria wants to stop her antipsychotic.");
        assertThat(details.get("patientPerspective").asText()).isEqualTo("The side effects stop her from working.");
        assertThat(details.get("staffPerspective").asText())
                .isEqualTo("The care plan says to continue until the review.");
        assertThat(details.get("supervisionRequested").asBoolean()).isTrue();
        assertThat(details.get("discussions")).isEmpty();
        assertThat(details.has("resolution")).isFalse();
        assertThat(details.has("resolvedBy")).isFalse();
        assertThat(details.has("resolvedAt")).isFalse();
        assertThat(open.has("text")).as("note fields stay off a conflict entry").isFalse();
        awaitOpenConflictsInList(journalId, 1);

        List<String[]> talks = List.of(
                new String[] {"clara", "TEAM_MEETING", "The team agreed to raise the side effects with the doctor."},
                new String[] {"david", "SUPERVISION", "Supervision: the PSW keeps her own role in the review."},
                new String[] {"anna", "MANAGER", "Told the unit manager the review is two weeks away."});
        List<String> discussionIds = new ArrayList<>();
        List<Instant[]> discussedWindows = new ArrayList<>();
        for (String[] talk : talks) {
            Instant from = now();
            ApiResponse discussed = as(talk[0]).post(discussions(journalId, conflictId),
                    discussion(talk[1], talk[2]));
            discussedWindows.add(new Instant[] {from, Instant.now()});
            assertThat(discussed.status()).as(discussed.toString()).isEqualTo(201);
            assertThat(discussed.body().get("conflictId").asText()).isEqualTo(conflictId);
            discussionIds.add(discussed.body().get("discussionId").asText());
        }
        assertThat(discussionIds).doesNotHaveDuplicates().allSatisfy(id -> assertThatCode(() -> UUID.fromString(id))
                .as("a UUID").doesNotThrowAnyException());

        Instant resolveFrom = now();
        ApiResponse resolved = as("david").post(resolutionOf(journalId, conflictId),
                resolution("Medication review booked; Maria and her PSW attend."));
        Instant resolveTo = Instant.now();
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.body().get("conflictId").asText()).isEqualTo(conflictId);
        assertThat(resolved.body().get("resolved").asBoolean()).isTrue();

        assertProblem(as("david").post(resolutionOf(journalId, conflictId), resolution("Resolved again.")), 409);
        assertProblem(as("anna").post(resolutionOf(journalId, conflictId), resolution("Resolved again.")), 409);
        assertProblem(as("clara").post(discussions(journalId, conflictId),
                discussion("TEAM_MEETING", "Talked about it once more.")), 409);
        assertProblem(as("anna").post(discussions(journalId, conflictId),
                discussion("OTHER", "Talked about it once more.")), 409);

        // The refused requests came before this note: once it is projected, anything they stored would show too.
        String sentinel = journals.recordNote(journalId, SENTINEL);
        journals.awaitTimelineEntries(journalId, "", 3);
        JsonNode done = conflictEntry(journalId, conflictId);
        assertThat(done.get("status").asText()).isEqualTo("RESOLVED");
        JsonNode resolvedDetails = done.get("loyaltyConflict");
        assertThat(resolvedDetails.get("resolution").asText())
                .isEqualTo("Medication review booked; Maria and her PSW attend.");
        assertThat(resolvedDetails.get("resolvedBy").asText()).isEqualTo("david");
        assertThat(Instant.parse(resolvedDetails.get("resolvedAt").asText())).isBetween(resolveFrom, resolveTo);
        JsonNode said = resolvedDetails.get("discussions");
        assertThat(said).hasSize(3);
        for (int i = 0; i < talks.size(); i++) {
            JsonNode discussionNode = said.get(i);
            assertThat(discussionNode.get("discussionId").asText()).isEqualTo(discussionIds.get(i));
            assertThat(discussionNode.get("discussedBy").asText()).isEqualTo(talks.get(i)[0]);
            assertThat(discussionNode.get("forum").asText()).isEqualTo(talks.get(i)[1]);
            assertThat(discussionNode.get("summary").asText()).isEqualTo(talks.get(i)[2]);
            assertThat(Instant.parse(discussionNode.get("discussedAt").asText()))
                    .isBetween(discussedWindows.get(i)[0], discussedWindows.get(i)[1]);
        }
        assertThat(resolvedDetails.get("kind").asText()).isEqualTo("MEDICATION");
        assertThat(done.get("recordedAt")).isEqualTo(open.get("recordedAt"));

        JsonNode conflictsOnly = journals.timeline("clara", journalId, CONFLICTS_ONLY).body();
        assertThat(conflictsOnly.get("totalEntries").asInt()).isEqualTo(1);
        assertThat(conflictsOnly.get("entries").findValuesAsText("entryId")).containsExactly(conflictId);
        assertThat(journals.timeline("clara", journalId, "").body().get("entries").findValuesAsText("entryId"))
                .containsExactlyInAnyOrder(conflictId, noteId, sentinel);
        awaitOpenConflictsInList(journalId, 0);
    }

    @Test
    void theFlaggingPeerSupportWorkerMayResolveTheirOwnFlag() {
        String journalId = journals.openNorthJournal();
        ApiResponse flagged = as("anna").post(conflicts(journalId), flag("ROLE_EXPECTATIONS", false));
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);
        String conflictId = flagged.body().get("conflictId").asText();
        awaitOpenConflictsInList(journalId, 1);

        ApiResponse resolved = as("anna").post(resolutionOf(journalId, conflictId),
                resolution("No longer asked to wear staff clothing."));

        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        JsonNode entry = awaitConflict(journalId, conflictId, e -> e.get("status").asText().equals("RESOLVED"));
        JsonNode details = entry.get("loyaltyConflict");
        assertThat(details.get("resolvedBy").asText()).isEqualTo("anna");
        assertThat(details.get("resolution").asText()).isEqualTo("No longer asked to wear staff clothing.");
        assertThat(details.get("kind").asText()).isEqualTo("ROLE_EXPECTATIONS");
        assertThat(details.get("supervisionRequested").asBoolean()).isFalse();
        assertThat(details.get("discussions")).isEmpty();
        awaitOpenConflictsInList(journalId, 0);
        assertProblem(as("anna").post(resolutionOf(journalId, conflictId), resolution("Once more.")), 409);
    }

    @Test
    void aJournalCountsEachOfItsOpenConflicts() {
        String journalId = journals.openNorthJournal();
        String first = flagAsAnna(journalId);
        flagAsAnna(journalId);
        awaitOpenConflictsInList(journalId, 2);

        assertThat(as("david").post(resolutionOf(journalId, first), resolution("Settled.")).status())
                .isEqualTo(200);

        awaitOpenConflictsInList(journalId, 1);
    }

    @Test
    void aRepeatedFlagOrDiscussionWithTheSameIdempotencyKeyIsStoredOnce() {
        String journalId = journals.openNorthJournal();
        ApiClient anna = as("anna").withHeader("Idempotency-Key", UUID.randomUUID().toString());

        ApiResponse first = anna.post(conflicts(journalId), flag("MEDICATION", true));
        ApiResponse repeat = anna.post(conflicts(journalId), flag("MEDICATION", true));
        ApiResponse otherBody = anna.post(conflicts(journalId), flag("OTHER", true));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(201);
        String conflictId = first.body().get("conflictId").asText();
        assertThat(repeat.body().get("conflictId").asText()).isEqualTo(conflictId);
        assertProblem(otherBody, 409);

        ApiClient clara = as("clara").withHeader("Idempotency-Key", UUID.randomUUID().toString());
        ApiResponse discussed = clara.post(discussions(journalId, conflictId), discussion("SUPERVISION", "Held."));
        ApiResponse discussedAgain = clara.post(discussions(journalId, conflictId),
                discussion("SUPERVISION", "Held."));
        assertThat(discussed.status()).as(discussed.toString()).isEqualTo(201);
        assertThat(discussedAgain.status()).as(discussedAgain.toString()).isEqualTo(201);
        assertThat(discussedAgain.body().get("discussionId").asText())
                .isEqualTo(discussed.body().get("discussionId").asText());
        assertProblem(clara.post(discussions(journalId, conflictId), discussion("MANAGER", "Held.")), 409);

        String sentinel = journals.recordNote(journalId, SENTINEL);
        JsonNode entries = journals.awaitTimelineEntries(journalId, "", 2).body().get("entries");
        assertThat(entries.findValuesAsText("entryId")).containsExactlyInAnyOrder(conflictId, sentinel);
        JsonNode said = elementWith(entries, "entryId", conflictId).get("loyaltyConflict").get("discussions");
        assertThat(said.findValuesAsText("discussionId"))
                .containsExactly(discussed.body().get("discussionId").asText());
        awaitOpenConflictsInList(journalId, 1);
    }

    @Test
    void discussionsHeldInQuickSuccessionStayInTheOrderTheyWereHeld() {
        Fixture fixture = fixture();
        List<String> summaries = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String summary = "Discussion number " + i;
            ApiResponse response = as(i % 2 == 0 ? "clara" : "david")
                    .post(discussions(fixture.journalId(), fixture.conflictId()), discussion("TEAM_MEETING", summary));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            summaries.add(summary);
        }

        JsonNode said = awaitConflict(fixture.journalId(), fixture.conflictId(),
                e -> e.get("loyaltyConflict").get("discussions").size() == 20)
                .get("loyaltyConflict").get("discussions");

        assertThat(said.findValuesAsText("summary")).containsExactlyElementsOf(summaries);
    }

    static Stream<Arguments> matrix() {
        List<String> lines = MATRIX.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        List<String> callers = Arrays.asList(lines.get(0).split("\\s+")).subList(1, 8);
        List<Arguments> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\s+");
            for (int i = 0; i < callers.size(); i++) {
                rows.add(Arguments.of(Endpoint.valueOf(cells[0]), callers.get(i), Integer.parseInt(cells[i + 1])));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void everyCallerGetsTheStatusTheirRoleAndTeamAllow(Endpoint endpoint, String caller, int expected) {
        Fixture fixture = fixture();
        ApiClient client = caller.equals(ANONYMOUS) ? anonymous : as(caller);

        ApiResponse response = endpoint.call(client, fixture);

        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected < 400) {
            assertSucceeded(endpoint, caller, response, fixture);
            return;
        }
        if (expected == 401) {
            assertUnauthorized(response);
        } else {
            assertProblem(response, expected);
        }
        assertNothingStored(fixture);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void wrongCredentialsAreUnauthorizedAndStoreNothing(Endpoint endpoint) {
        Fixture fixture = fixture();

        assertUnauthorized(endpoint.call(anonymous.as(endpoint.allowedUser, "not-the-password"), fixture));
        assertUnauthorized(endpoint.call(anonymous.as("mallory", "mallory-demo"), fixture));

        assertNothingStored(fixture);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void anotherTeamsJournalIsAnsweredExactlyLikeAJournalThatDoesNotExist(Endpoint endpoint) {
        Fixture fixture = fixture();

        ApiResponse outsider = endpoint.call(as("bo"), fixture);
        ApiResponse unknown = endpoint.call(as("bo"), new Fixture(UUID.randomUUID().toString(),
                fixture.conflictId()));

        JsonNode outsiderProblem = assertProblem(outsider, 404);
        JsonNode unknownProblem = assertProblem(unknown, 404);
        assertThat(withoutInstance(outsiderProblem)).isEqualTo(withoutInstance(unknownProblem));
        assertThat(outsider.rawBody()).doesNotContain("north");
        assertNothingStored(fixture);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Endpoint.class, names = {"DISCUSS", "RESOLVE"})
    void anUnknownOrMalformedConflictIdIsRefused(Endpoint endpoint) {
        Fixture fixture = fixture();
        String user = endpoint.allowedUser;

        assertProblem(endpoint.call(as(user), new Fixture(fixture.journalId(), UUID.randomUUID().toString())), 404);
        assertInvalidField(endpoint.call(as(user), new Fixture(fixture.journalId(), "c-1")), "conflictId");
        assertInvalidField(endpoint.call(as(user), new Fixture("j-1", fixture.conflictId())), "journalId");

        assertNothingStored(fixture);
    }

    static Stream<Rejection> invalidBodies() {
        List<Rejection> cases = new ArrayList<>();
        for (String field : List.of("kind", "description", "patientPerspective", "staffPerspective",
                "supervisionRequested")) {
            cases.add(with(Endpoint.FLAG, "missing " + field, field, null, true));
            cases.add(with(Endpoint.FLAG, field + " null", field, null, false));
        }
        for (String field : List.of("description", "patientPerspective", "staffPerspective")) {
            cases.add(with(Endpoint.FLAG, "blank " + field, field, " \t ", false));
        }
        cases.add(with(Endpoint.FLAG, "kind FEELINGS", "kind", "FEELINGS", false));
        cases.add(with(Endpoint.FLAG, "kind in lower case", "kind", "medication", false));
        cases.add(with(Endpoint.FLAG, "description of 20,001 characters", "description", "x".repeat(20_001), false));
        cases.add(with(Endpoint.FLAG, "patientPerspective of 4,001 characters", "patientPerspective",
                "x".repeat(4_001), false));
        cases.add(with(Endpoint.FLAG, "staffPerspective of 4,001 characters", "staffPerspective",
                "x".repeat(4_001), false));
        cases.add(with(Endpoint.FLAG, "supervisionRequested maybe", "supervisionRequested", "maybe", false));
        for (String field : List.of("forum", "summary")) {
            cases.add(with(Endpoint.DISCUSS, "missing " + field, field, null, true));
        }
        cases.add(with(Endpoint.DISCUSS, "forum LUNCH", "forum", "LUNCH", false));
        cases.add(with(Endpoint.DISCUSS, "blank summary", "summary", "   ", false));
        cases.add(with(Endpoint.DISCUSS, "summary of 4,001 characters", "summary", "x".repeat(4_001), false));
        cases.add(with(Endpoint.RESOLVE, "missing resolution", "resolution", null, true));
        cases.add(with(Endpoint.RESOLVE, "blank resolution", "resolution", "", false));
        cases.add(with(Endpoint.RESOLVE, "resolution of 4,001 characters", "resolution", "x".repeat(4_001),
                false));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidInputIsABadRequestNamingTheFieldAndStoresNothing(Rejection rejection) {
        Fixture fixture = fixture();

        ApiResponse response = send(rejection, fixture);

        assertInvalidField(response, rejection.field());
        assertNothingStored(fixture);
    }

    @Test
    void anUnknownKindIsRefusedWithTheAllowedKinds() {
        Fixture fixture = fixture();

        JsonNode error = assertInvalidField(send(with(Endpoint.FLAG, "kind FEELINGS", "kind", "FEELINGS", false),
                fixture), "kind");

        assertThat(error.get("message").asText()).contains(CONFLICT_KINDS);
    }

    @Test
    void anUnknownForumIsRefusedWithTheAllowedForums() {
        Fixture fixture = fixture();

        JsonNode error = assertInvalidField(send(with(Endpoint.DISCUSS, "forum LUNCH", "forum", "LUNCH", false),
                fixture), "forum");

        assertThat(error.get("message").asText()).contains(FORUMS);
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        String journalId = journals.openNorthJournal();
        Map<String, Object> longest = flag("CONFIDENTIALITY", false);
        longest.put("description", "d".repeat(20_000));
        longest.put("patientPerspective", "p".repeat(4_000));
        longest.put("staffPerspective", "s".repeat(4_000));
        Map<String, Object> shortest = flag("OTHER", true);
        shortest.put("description", "d");
        shortest.put("patientPerspective", "p");
        shortest.put("staffPerspective", "s");

        ApiResponse flaggedLongest = as("anna").post(conflicts(journalId), longest);
        ApiResponse flaggedShortest = as("anna").post(conflicts(journalId), shortest);
        assertThat(flaggedLongest.status()).as(flaggedLongest.toString()).isEqualTo(201);
        assertThat(flaggedShortest.status()).as(flaggedShortest.toString()).isEqualTo(201);
        String conflictId = flaggedLongest.body().get("conflictId").asText();
        ApiResponse discussed = as("clara").post(discussions(journalId, conflictId),
                discussion("OTHER", "m".repeat(4_000)));
        assertThat(discussed.status()).as(discussed.toString()).isEqualTo(201);
        ApiResponse resolved = as("david").post(resolutionOf(journalId, conflictId), resolution("r".repeat(4_000)));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);

        JsonNode details = awaitConflict(journalId, conflictId,
                e -> e.get("status").asText().equals("RESOLVED")).get("loyaltyConflict");
        assertThat(details.get("description").asText()).isEqualTo("d".repeat(20_000));
        assertThat(details.get("patientPerspective").asText()).isEqualTo("p".repeat(4_000));
        assertThat(details.get("staffPerspective").asText()).isEqualTo("s".repeat(4_000));
        assertThat(details.get("discussions").get(0).get("summary").asText()).isEqualTo("m".repeat(4_000));
        assertThat(details.get("resolution").asText()).isEqualTo("r".repeat(4_000));
    }

    @Test
    void rejectedRequestsTogetherLeaveTheConflictAsItWas() {
        Fixture fixture = fixture();
        awaitOpenConflictsInList(fixture.journalId(), 1);

        for (Rejection rejection : invalidBodies().toList()) {
            ApiResponse response = send(rejection, fixture);
            assertInvalidField(response, rejection.field());
        }
        assertProblem(as("clara").post(resolutionOf(fixture.journalId(), fixture.conflictId()),
                resolution("A clinician may not close it.")), 403);
        assertProblem(as("david").post(conflicts(fixture.journalId()), flag("OTHER", false)), 403);

        assertNothingStored(fixture);
        awaitOpenConflictsInList(fixture.journalId(), 1);
    }

    private Fixture fixture() {
        String journalId = journals.openNorthJournal();
        return new Fixture(journalId, flagAsAnna(journalId));
    }

    private String flagAsAnna(String journalId) {
        ApiResponse flagged = as("anna").post(conflicts(journalId), flag("MEDICATION", true));
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);
        return flagged.body().get("conflictId").asText();
    }

    private ApiResponse send(Rejection rejection, Fixture fixture) {
        return as(rejection.endpoint().allowedUser)
                .post(rejection.endpoint().path(fixture.journalId(), fixture.conflictId()), rejection.body());
    }

    /**
     * A refused request left no trace. Projections handle a journal's events in order, so once a discussion sent
     * after the refused request is visible, anything the refused request had stored would be visible as well.
     */
    private void assertNothingStored(Fixture fixture) {
        ApiResponse sentinel = as("anna").post(discussions(fixture.journalId(), fixture.conflictId()),
                discussion("OTHER", SENTINEL));
        assertThat(sentinel.status()).as("the conflict is still open: " + sentinel).isEqualTo(201);
        String sentinelId = sentinel.body().get("discussionId").asText();
        JsonNode entry = awaitConflict(fixture.journalId(), fixture.conflictId(),
                e -> e.get("loyaltyConflict").get("discussions").findValuesAsText("discussionId").contains(sentinelId));
        JsonNode timeline = journals.timeline("clara", fixture.journalId(), "").body();
        assertThat(timeline.get("entries").findValuesAsText("entryId")).containsExactly(fixture.conflictId());
        assertThat(entry.get("status").asText()).isEqualTo("OPEN");
        JsonNode details = entry.get("loyaltyConflict");
        assertThat(details.get("discussions")).hasSize(1);
        assertThat(details.get("discussions").get(0).get("summary").asText()).isEqualTo(SENTINEL);
        assertThat(details.has("resolution")).isFalse();
        assertThat(details.get("kind").asText()).isEqualTo("MEDICATION");
        assertThat(details.get("description").asText()).isEqualTo("Maria wants to stop her antipsychotic.");
    }

    private void assertSucceeded(Endpoint endpoint, String caller, ApiResponse response, Fixture fixture) {
        switch (endpoint) {
            case FLAG -> {
                String conflictId = response.body().get("conflictId").asText();
                JsonNode entry = awaitConflict(fixture.journalId(), conflictId, e -> true);
                assertThat(entry.get("author").asText()).isEqualTo(caller);
                assertThat(entry.get("loyaltyConflict").get("kind").asText()).isEqualTo("COERCIVE_MEASURES");
                assertThat(journals.timeline("clara", fixture.journalId(), CONFLICTS_ONLY).body()
                        .get("totalEntries").asInt()).isEqualTo(2);
            }
            case DISCUSS -> {
                String discussionId = response.body().get("discussionId").asText();
                JsonNode entry = awaitConflict(fixture.journalId(), fixture.conflictId(),
                        e -> !e.get("loyaltyConflict").get("discussions").isEmpty());
                JsonNode discussed = entry.get("loyaltyConflict").get("discussions");
                assertThat(discussed).hasSize(1);
                assertThat(discussed.get(0).get("discussionId").asText()).isEqualTo(discussionId);
                assertThat(discussed.get(0).get("discussedBy").asText()).isEqualTo(caller);
                assertThat(entry.get("status").asText()).isEqualTo("OPEN");
            }
            case RESOLVE -> {
                JsonNode entry = awaitConflict(fixture.journalId(), fixture.conflictId(),
                        e -> e.get("status").asText().equals("RESOLVED"));
                assertThat(entry.get("loyaltyConflict").get("resolvedBy").asText()).isEqualTo(caller);
            }
        }
    }

    /** Waits until the timeline shows the conflict and it matches; answers its entry. */
    private JsonNode awaitConflict(String journalId, String conflictId, Predicate<JsonNode> condition) {
        await().atMost(PROJECTION_WAIT).until(() -> journals.timeline("clara", journalId, CONFLICTS_ONLY),
                r -> r.status() == 200 && r.body().get("entries").findValuesAsText("entryId").contains(conflictId)
                        && condition.test(elementWith(r.body().get("entries"), "entryId", conflictId)));
        return conflictEntry(journalId, conflictId);
    }

    private JsonNode conflictEntry(String journalId, String conflictId) {
        ApiResponse timeline = journals.timeline("clara", journalId, CONFLICTS_ONLY);
        assertThat(timeline.status()).as(timeline.toString()).isEqualTo(200);
        assertThat(timeline.body().get("entries").findValuesAsText("type")).containsOnly("LOYALTY_CONFLICT");
        return elementWith(timeline.body().get("entries"), "entryId", conflictId);
    }

    /** Waits until the journal list shows the journal with that many open conflicts; fails if it never does. */
    private void awaitOpenConflictsInList(String journalId, int expected) {
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            ApiResponse list = as("anna").getAllPages("/api/journals");
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            assertThat(elementWith(list.body(), "journalId", journalId).get("openLoyaltyConflicts").asInt())
                    .as("open conflicts of journal %s in the journal list", journalId).isEqualTo(expected);
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The endpoint's valid body with {@code field} set to {@code value}, or without it when {@code remove}. */
    private static Rejection with(Endpoint endpoint, String description, String field, Object value,
            boolean remove) {
        Map<String, Object> body = endpoint.validBody();
        if (remove) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return new Rejection(endpoint, description, field, body);
    }
}
