package org.peerjournal.command.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.conflict.DiscussLoyaltyConflictCommand;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.conflict.FlagLoyaltyConflictCommand;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.conflict.ResolveLoyaltyConflictCommand;
import org.peerjournal.shared.error.ActionNotPermittedException;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.error.StateConflictException;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.mockito.Mockito.mock;
import static org.peerjournal.shared.conflict.ConflictKind.MEDICATION;
import static org.peerjournal.shared.conflict.DiscussionForum.MANAGER;
import static org.peerjournal.shared.conflict.DiscussionForum.SUPERVISION;
import static org.peerjournal.shared.conflict.DiscussionForum.TEAM_MEETING;

/**
 * Every rule of the journal's loyalty-conflict flags, one test each: a PSW of the team flags a conflict with both
 * perspectives, any member of the team discusses it as often as needed, a team lead or the flagging PSW resolves it
 * once, and the same rules hold for a journal restored from a snapshot.
 */
class LoyaltyConflictTest {

    private static final String TEAM = "ward-7";
    private static final String OTHER_TEAM = "ward-9";

    private static final String DESCRIPTION = "Patient wants to stop her depot injection; the plan says continue.";
    private static final String PATIENT_PERSPECTIVE = "The side effects keep her from working; she feels unheard.";
    private static final String STAFF_PERSPECTIVE = "Two relapses last year came after stopping the medication.";
    private static final String SUMMARY = "Agreed to raise a dose review with the physician.";
    private static final String RESOLUTION = "Dose review booked; patient and PSW attend together.";

    private static final Actor FLAGGER = new Actor("anna", Role.PSW, TEAM);
    private static final Actor OTHER_PSW = new Actor("bo", Role.PSW, TEAM);
    private static final Actor CLINICIAN = new Actor("carl", Role.CLINICIAN, TEAM);
    private static final Actor LEAD = new Actor("lena", Role.TEAM_LEAD, TEAM);
    private static final Actor PSW_OF_OTHER_TEAM = new Actor("petra", Role.PSW, OTHER_TEAM);
    private static final Actor CLINICIAN_OF_OTHER_TEAM = new Actor("cecilia", Role.CLINICIAN, OTHER_TEAM);
    private static final Actor LEAD_OF_OTHER_TEAM = new Actor("olle", Role.TEAM_LEAD, OTHER_TEAM);
    private static final Actor AUDITOR = new Actor("ingrid", Role.AUDITOR, null);
    private static final Actor ADMIN = new Actor("root", Role.ADMIN, null);

    private final UUID journalId = UUID.randomUUID();
    private final UUID conflictId = UUID.randomUUID();
    private final UUID otherConflictId = UUID.randomUUID();
    private final UUID discussionId = UUID.randomUUID();

    private AggregateTestFixture<Journal> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    /** Everyone who must not be able to tell that another team's journal exists. */
    static Stream<Actor> outsiders() {
        return Stream.of(PSW_OF_OTHER_TEAM, CLINICIAN_OF_OTHER_TEAM, LEAD_OF_OTHER_TEAM, AUDITOR, ADMIN);
    }

    /** Every role that belongs to the journal's team, each of whom takes part in discussing a conflict. */
    static Stream<Actor> teamMembers() {
        return Stream.of(FLAGGER, OTHER_PSW, CLINICIAN, LEAD);
    }

    /** The team's staff who are not PSWs: they discuss conflicts but never flag one. */
    static Stream<Actor> clinicalStaff() {
        return Stream.of(CLINICIAN, LEAD);
    }

    @Nested
    class Flagging {

        @ParameterizedTest
        @CsvSource({"MEDICATION, true", "ROLE_EXPECTATIONS, false"})
        void pswOfTheTeamFlagsAConflictWithBothPerspectives(ConflictKind kind, boolean supervisionRequested) {
            fixture.given(opened())
                    .when(flag(conflictId, kind, supervisionRequested, FLAGGER))
                    .expectEvents(flagged(conflictId, kind, supervisionRequested, FLAGGER))
                    // the HTTP layer answers 201 with this id
                    .expectResultMessagePayload(conflictId)
                    .expectState(journal -> assertThat(journal).extracting("loyaltyConflicts").asInstanceOf(MAP)
                            .containsOnlyKeys(conflictId));
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.LoyaltyConflictTest#clinicalStaff")
        void onlyAPswFlagsAConflict(Actor clinicalStaff) {
            fixture.given(opened())
                    .when(flag(conflictId, clinicalStaff))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.LoyaltyConflictTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened())
                    .when(flag(conflictId, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void outsiderCannotProbeForConflictIdsEither() {
            // answering 409 for a reused id would tell another team that the journal and the conflict exist
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(flag(conflictId, PSW_OF_OTHER_TEAM))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void reusedConflictIdIsAConflict() {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(flag(conflictId, OTHER_PSW))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void conflictIdOfAResolvedConflictCannotBeReused() {
            fixture.given(opened(), flagged(conflictId, FLAGGER), resolved(conflictId, LEAD))
                    .when(flag(conflictId, FLAGGER))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void aSecondConflictOfTheJournalIsFlaggedBesideTheFirst() {
            fixture.given(opened(), flagged(otherConflictId, OTHER_PSW))
                    .when(flag(conflictId, FLAGGER))
                    .expectEvents(flagged(conflictId, FLAGGER))
                    .expectState(journal -> assertThat(journal).extracting("loyaltyConflicts").asInstanceOf(MAP)
                            .containsOnlyKeys(conflictId, otherConflictId));
        }
    }

    @Nested
    class Discussing {

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.LoyaltyConflictTest#teamMembers")
        void anyMemberOfTheTeamDiscussesTheConflict(Actor member) {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(discuss(conflictId, discussionId, TEAM_MEETING, member))
                    .expectEvents(discussed(conflictId, discussionId, TEAM_MEETING, member))
                    // the HTTP layer answers 201 with this id
                    .expectResultMessagePayload(discussionId);
        }

        @Test
        void everyDiscussionIsAnEventOfItsOwnAndTheConflictStaysOpen() {
            UUID teamMeeting = UUID.randomUUID();
            UUID supervision = UUID.randomUUID();

            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .andGivenCommands(discuss(conflictId, teamMeeting, TEAM_MEETING, LEAD),
                            discuss(conflictId, supervision, SUPERVISION, FLAGGER))
                    .when(discuss(conflictId, discussionId, MANAGER, CLINICIAN))
                    .expectEvents(discussed(conflictId, discussionId, MANAGER, CLINICIAN));
        }

        @Test
        void resolvedConflictCannotBeDiscussed() {
            fixture.given(opened(), flagged(conflictId, FLAGGER), discussed(conflictId, UUID.randomUUID(),
                            TEAM_MEETING, LEAD), resolved(conflictId, LEAD))
                    .when(discuss(conflictId, discussionId, SUPERVISION, FLAGGER))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void discussingAConflictTheJournalDoesNotHoldFindsNoEntry() {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(discuss(UUID.randomUUID(), discussionId, TEAM_MEETING, LEAD))
                    .expectException(EntryNotFoundException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.LoyaltyConflictTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(discuss(conflictId, discussionId, TEAM_MEETING, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void outsiderCannotProbeForConflictIdsEither() {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(discuss(UUID.randomUUID(), discussionId, TEAM_MEETING, LEAD_OF_OTHER_TEAM))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Resolving {

        @Test
        void teamLeadOfTheTeamResolvesTheConflict() {
            fixture.given(opened(), flagged(conflictId, FLAGGER), discussed(conflictId, discussionId,
                            TEAM_MEETING, CLINICIAN))
                    .when(resolve(conflictId, LEAD))
                    .expectEvents(resolved(conflictId, LEAD));
        }

        @Test
        void pswWhoFlaggedTheConflictResolvesIt() {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(resolve(conflictId, FLAGGER))
                    .expectEvents(resolved(conflictId, FLAGGER));
        }

        @Test
        void anotherPswOfTheTeamCannotResolve() {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(resolve(conflictId, OTHER_PSW))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void clinicianCannotResolve() {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(resolve(conflictId, CLINICIAN))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void whoFlaggedAsAPswCannotResolveWhenActingAsAClinician() {
            // resolving is the flagging *PSW's* right; the same login in a clinician's role has only a clinician's
            Actor flaggerNowAClinician = new Actor(FLAGGER.userId(), Role.CLINICIAN, TEAM);

            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(resolve(conflictId, flaggerNowAClinician))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void resolvingTwiceIsAConflict() {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .andGivenCommands(resolve(conflictId, LEAD))
                    .when(resolve(conflictId, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void resolvingOneConflictLeavesTheOthersOpen() {
            // the resolution must reach only the conflict it names, not every conflict of the journal
            fixture.given(opened(), flagged(conflictId, FLAGGER), flagged(otherConflictId, FLAGGER),
                            resolved(otherConflictId, LEAD))
                    .when(resolve(conflictId, FLAGGER))
                    .expectEvents(resolved(conflictId, FLAGGER));
        }

        @Test
        void resolvingAConflictTheJournalDoesNotHoldFindsNoEntry() {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(resolve(UUID.randomUUID(), LEAD))
                    .expectException(EntryNotFoundException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.LoyaltyConflictTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened(), flagged(conflictId, FLAGGER))
                    .when(resolve(conflictId, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }
    }

    /**
     * Snapshots store the aggregate, its loyalty conflicts included, as JSON. A journal loaded from a snapshot must
     * know which conflict is resolved and who flagged each exactly as the replayed one did.
     */
    @Nested
    class AfterASnapshot {

        /** Like the application's: Jackson, dates as ISO strings, nulls refused for primitives. */
        private final JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .build())
                .build();

        private final UUID openId = UUID.randomUUID();
        private final UUID resolvedId = UUID.randomUUID();
        private Journal live;
        private Journal restored;

        @BeforeEach
        void snapshotAJournalWithAnOpenAndAResolvedConflict() {
            AtomicReference<Journal> replayed = new AtomicReference<>();
            fixture.given(opened(),
                            flagged(openId, FLAGGER), discussed(openId, UUID.randomUUID(), SUPERVISION, FLAGGER),
                            flagged(resolvedId, OTHER_PSW), discussed(resolvedId, UUID.randomUUID(), TEAM_MEETING,
                                    CLINICIAN), resolved(resolvedId, LEAD))
                    .whenInvoking(journalId.toString(), replayed::set)
                    .expectNoEvents();
            live = replayed.get();

            SerializedObject<String> snapshot = serializer.serialize(live, String.class);
            restored = serializer.deserialize(snapshot);
        }

        @Test
        void snapshotKeepsEveryConflict() {
            assertThat(live).extracting("loyaltyConflicts").asInstanceOf(MAP).containsOnlyKeys(openId, resolvedId);
            assertThat(restored).isNotSameAs(live);
            assertThat(restored).usingRecursiveComparison().isEqualTo(live);
        }

        @Test
        void resolvedConflictStillRefusesDiscussion() {
            givenRestored()
                    .when(discuss(resolvedId, discussionId, TEAM_MEETING, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void resolvedConflictStillRefusesASecondResolution() {
            givenRestored()
                    .when(resolve(resolvedId, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void openConflictCanStillBeDiscussed() {
            givenRestored()
                    .when(discuss(openId, discussionId, MANAGER, CLINICIAN))
                    .expectEvents(discussed(openId, discussionId, MANAGER, CLINICIAN));
        }

        @Test
        void pswWhoFlaggedTheOpenConflictCanStillResolveIt() {
            givenRestored()
                    .when(resolve(openId, FLAGGER))
                    .expectEvents(resolved(openId, FLAGGER));
        }

        @Test
        void restoredJournalStillKnowsWhoFlaggedWhichConflict() {
            // bo flagged the resolved conflict, not the open one
            givenRestored()
                    .when(resolve(openId, OTHER_PSW))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void restoredJournalAcceptsNewConflictsButNotAReusedId() {
            // the deserialized conflicts map must be mutable, or the first flag after a snapshot fails
            givenRestored()
                    .when(flag(conflictId, OTHER_PSW))
                    .expectEvents(flagged(conflictId, OTHER_PSW))
                    .expectResultMessagePayload(conflictId);
            givenRestored()
                    .when(flag(resolvedId, OTHER_PSW))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void restoredJournalStillHidesFromOtherTeams() {
            givenRestored()
                    .when(discuss(openId, discussionId, TEAM_MEETING, CLINICIAN_OF_OTHER_TEAM))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        private TestExecutor<Journal> givenRestored() {
            return newFixture().givenState(() -> restored);
        }
    }

    private static AggregateTestFixture<Journal> newFixture() {
        AggregateTestFixture<Journal> newFixture = new AggregateTestFixture<>(Journal.class);
        // After each command the fixture replays the events and compares the two aggregates field by field, but a
        // map it compares with Map.equals, and LoyaltyConflict (an entity) has identity equality: every journal
        // holding a conflict would be reported as an "illegal state change". The rest of the journal is still
        // compared; the conflicts' state is pinned by the given-events tests above and the snapshot comparison.
        newFixture.registerIgnoredField(Journal.class, "loyaltyConflicts");
        newFixture.registerInjectableResource(mock(PatientRefRegistry.class));
        newFixture.registerInjectableResource(mock(NoteFacts.class));
        return newFixture;
    }

    private JournalOpenedEvent opened() {
        return new JournalOpenedEvent(journalId, TEAM, "P-1042", "Patient 1042");
    }

    private FlagLoyaltyConflictCommand flag(UUID id, Actor actor) {
        return flag(id, MEDICATION, true, actor);
    }

    private FlagLoyaltyConflictCommand flag(UUID id, ConflictKind kind, boolean supervisionRequested, Actor actor) {
        return new FlagLoyaltyConflictCommand(journalId, id, kind, DESCRIPTION, PATIENT_PERSPECTIVE, STAFF_PERSPECTIVE,
                supervisionRequested, actor);
    }

    private LoyaltyConflictFlaggedEvent flagged(UUID id, Actor by) {
        return flagged(id, MEDICATION, true, by);
    }

    private LoyaltyConflictFlaggedEvent flagged(UUID id, ConflictKind kind, boolean supervisionRequested, Actor by) {
        return new LoyaltyConflictFlaggedEvent(journalId, id, TEAM, kind, DESCRIPTION, PATIENT_PERSPECTIVE,
                STAFF_PERSPECTIVE, supervisionRequested, by.userId());
    }

    private DiscussLoyaltyConflictCommand discuss(UUID id, UUID discussion, DiscussionForum forum, Actor actor) {
        return new DiscussLoyaltyConflictCommand(journalId, id, discussion, forum, SUMMARY, actor);
    }

    private LoyaltyConflictDiscussedEvent discussed(UUID id, UUID discussion, DiscussionForum forum, Actor by) {
        return new LoyaltyConflictDiscussedEvent(journalId, id, discussion, TEAM, forum, SUMMARY, by.userId());
    }

    private ResolveLoyaltyConflictCommand resolve(UUID id, Actor actor) {
        return new ResolveLoyaltyConflictCommand(journalId, id, RESOLUTION, actor);
    }

    private LoyaltyConflictResolvedEvent resolved(UUID id, Actor by) {
        return new LoyaltyConflictResolvedEvent(journalId, id, TEAM, RESOLUTION, by.userId());
    }
}
