package org.peerjournal.command.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.error.ActionNotPermittedException;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.error.StateConflictException;
import org.peerjournal.shared.escalation.AcknowledgeEscalationCommand;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.RaiseEscalationCommand;
import org.peerjournal.shared.escalation.ResolveEscalationCommand;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.mockito.Mockito.mock;
import static org.peerjournal.shared.escalation.EscalationSeverity.IMMEDIATE;
import static org.peerjournal.shared.escalation.EscalationSeverity.ROUTINE;
import static org.peerjournal.shared.escalation.EscalationSeverity.URGENT;

/**
 * Every rule of the journal's safety escalations, one test each: raising with a severity-based acknowledgement
 * deadline, going overdue when the deadline passes, acknowledging, resolving, and the same rules after a snapshot.
 *
 * <p>The fixture's stub deadline manager and {@code GenericEventMessage.clock} both stand at
 * {@code fixture.currentTime()} while a command runs; deadlines only fire when a test lets time pass
 * ({@code whenTimeElapses}), so a deadline exists only if a command (not a given event) scheduled it.
 */
class EscalationTest {

    /** The severity each escalation was raised with: later events of an escalation repeat it. */
    private final Map<UUID, EscalationSeverity> severities = new java.util.HashMap<>();

    private static final String TEAM = "ward-7";
    private static final String OTHER_TEAM = "ward-9";
    /** Persistent deadlines are stored under this name; renaming it would orphan the ones already scheduled. */
    private static final String DEADLINE_NAME = "escalation-acknowledgement";

    private static final Actor PSW = new Actor("anna", Role.PSW, TEAM);
    private static final Actor CLINICIAN = new Actor("carl", Role.CLINICIAN, TEAM);
    private static final Actor LEAD = new Actor("lena", Role.TEAM_LEAD, TEAM);
    private static final Actor PSW_OF_OTHER_TEAM = new Actor("petra", Role.PSW, OTHER_TEAM);
    private static final Actor CLINICIAN_OF_OTHER_TEAM = new Actor("cecilia", Role.CLINICIAN, OTHER_TEAM);
    private static final Actor LEAD_OF_OTHER_TEAM = new Actor("olle", Role.TEAM_LEAD, OTHER_TEAM);
    private static final Actor AUDITOR = new Actor("ingrid", Role.AUDITOR, null);
    private static final Actor ADMIN = new Actor("root", Role.ADMIN, null);

    private static final Map<EscalationSeverity, Duration> ACKNOWLEDGE_WITHIN = Map.of(
            IMMEDIATE, Duration.ofMinutes(15),
            URGENT, Duration.ofHours(2),
            ROUTINE, Duration.ofHours(24));

    private final UUID journalId = UUID.randomUUID();
    private final UUID escalationId = UUID.randomUUID();
    private final UUID otherEscalationId = UUID.randomUUID();

    private AggregateTestFixture<Journal> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
        now = fixture.currentTime();
    }

    /** Everyone who must not be able to tell that another team's journal exists. */
    static Stream<Actor> outsiders() {
        return Stream.of(PSW_OF_OTHER_TEAM, CLINICIAN_OF_OTHER_TEAM, LEAD_OF_OTHER_TEAM, AUDITOR, ADMIN);
    }

    /** The two roles that take clinical responsibility for an escalation. */
    static Stream<Actor> clinicalStaff() {
        return Stream.of(CLINICIAN, LEAD);
    }

    @Nested
    class Raising {

        @ParameterizedTest
        @EnumSource(EscalationSeverity.class)
        void pswOfTheTeamRaisesAnEscalationDueBySeverity(EscalationSeverity severity) {
            Instant acknowledgeBy = now.plus(ACKNOWLEDGE_WITHIN.get(severity));
            AtomicReference<DeadlineMessage<?>> deadline = new AtomicReference<>();

            fixture.given(opened())
                    .when(raise(escalationId, severity, PSW))
                    .expectSuccessfulHandlerExecution()
                    .expectScheduledDeadlineWithName(acknowledgeBy, DEADLINE_NAME)
                    .expectScheduledDeadlineMatching(acknowledgeBy, acknowledgementDeadline(escalationId, deadline))
                    // the event names the scheduled deadline, so an acknowledgement can cancel exactly that one
                    .expectEvents(raised(escalationId, severity, PSW, acknowledgeBy,
                            deadline.get().getIdentifier()))
                    .expectResultMessagePayload(new EscalationRaised(escalationId, acknowledgeBy));
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.EscalationTest#clinicalStaff")
        void onlyAPswRaisesEscalations(Actor clinicalStaff) {
            fixture.given(opened())
                    .when(raise(escalationId, IMMEDIATE, clinicalStaff))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.EscalationTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened())
                    .when(raise(escalationId, IMMEDIATE, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void reusedEscalationIdIsAConflictAndSchedulesNothing() {
            fixture.given(opened(), raised(escalationId, URGENT, PSW))
                    .when(raise(escalationId, IMMEDIATE, PSW))
                    .expectException(StateConflictException.class)
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void escalationIdOfAResolvedEscalationCannotBeReused() {
            fixture.given(opened(), raised(escalationId, URGENT, PSW), acknowledged(escalationId, CLINICIAN, false),
                            resolved(escalationId, CLINICIAN))
                    .when(raise(escalationId, IMMEDIATE, PSW))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void eventKeepsTheStaffListAsItWasWhenRaised() {
            List<String> staff = new ArrayList<>(List.of("nurse on duty", "Dr. Berg"));
            AtomicReference<SafetyEscalationRaisedEvent> event = new AtomicReference<>();

            fixture.given(opened())
                    .when(new RaiseEscalationCommand(journalId, escalationId, EscalationCategory.SELF_HARM, URGENT,
                            "Fresh cuts on both forearms.", false, staff, PSW))
                    .expectEventsMatching(onlyEvent(SafetyEscalationRaisedEvent.class, event));

            staff.add("added after the event was stored");
            assertThat(event.get().staffAlreadyInformed()).containsExactly("nurse on duty", "Dr. Berg");
        }

        @Test
        void aSecondEscalationOfTheJournalGetsItsOwnDeadline() {
            fixture.given(opened(), raised(otherEscalationId, ROUTINE, PSW))
                    .when(raise(escalationId, URGENT, PSW))
                    .expectSuccessfulHandlerExecution()
                    .expectScheduledDeadline(now.plus(Duration.ofHours(2)), new AcknowledgementDeadline(escalationId))
                    .expectResultMessagePayload(new EscalationRaised(escalationId, now.plus(Duration.ofHours(2))));
        }
    }

    @Nested
    class GoingOverdue {

        @Test
        void deadlinePassingWithoutAcknowledgementMarksTheEscalationOverdueOnce() {
            Instant acknowledgeBy = now.plus(Duration.ofMinutes(15));

            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW))
                    .whenTimeElapses(Duration.ofMinutes(15))
                    .expectTriggeredDeadlines(new AcknowledgementDeadline(escalationId))
                    .expectTriggeredDeadlinesWithName(DEADLINE_NAME)
                    .expectEvents(overdue(escalationId, IMMEDIATE, acknowledgeBy))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void overdueIsRecordedByTheSystemActorOfTheJournalsTeam() {
            // nobody logged in did this: the audit trail must not pin it on whoever raised the escalation
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW))
                    .whenTimeElapses(Duration.ofDays(2))
                    .expectEventsMatching(onlyEventBySystem(
                            overdue(escalationId, IMMEDIATE, now.plus(Duration.ofMinutes(15)))));
        }

        @Test
        void deadlineMessageCarriesTheSystemActor() {
            // the real deadline manager hands this metadata to the handler's unit of work and so to its events
            Instant acknowledgeBy = now.plus(Duration.ofHours(24));

            fixture.given(opened())
                    .when(raise(escalationId, ROUTINE, PSW))
                    .expectScheduledDeadlineMatching(acknowledgeBy,
                            acknowledgementDeadline(escalationId, new AtomicReference<>()));
        }

        @Test
        void nothingHappensBeforeTheDeadline() {
            Instant acknowledgeBy = now.plus(Duration.ofMinutes(15));

            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW))
                    .whenTimeAdvancesTo(acknowledgeBy.minusMillis(1))
                    .expectTriggeredDeadlines()
                    .expectNoEvents()
                    .expectScheduledDeadline(acknowledgeBy, new AcknowledgementDeadline(escalationId));
        }

        @Test
        void eachEscalationGoesOverdueByItsOwnDeadline() {
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW), raise(otherEscalationId, ROUTINE, PSW))
                    .whenTimeElapses(Duration.ofHours(2))
                    .expectEvents(overdue(escalationId, IMMEDIATE, now.plus(Duration.ofMinutes(15))))
                    .expectScheduledDeadline(now.plus(Duration.ofHours(24)),
                            new AcknowledgementDeadline(otherEscalationId));
        }

        @Test
        void acknowledgementInTimeCancelsTheDeadline() {
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW), acknowledge(escalationId, CLINICIAN))
                    .whenTimeElapses(Duration.ofDays(2))
                    .expectTriggeredDeadlines()
                    .expectNoEvents();
        }

        @Test
        void deadlineFiringAfterAnAcknowledgementRecordsNothing() {
            // the acknowledgement lost the race with a deadline already being delivered
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW))
                    .andGiven(acknowledged(escalationId, CLINICIAN, false))
                    .whenTimeElapses(Duration.ofMinutes(15))
                    .expectTriggeredDeadlines(new AcknowledgementDeadline(escalationId))
                    .expectNoEvents();
        }

        @Test
        void deadlineFiringAfterTheResolutionRecordsNothing() {
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW))
                    .andGiven(acknowledged(escalationId, CLINICIAN, false), resolved(escalationId, LEAD))
                    .whenTimeElapses(Duration.ofMinutes(15))
                    .expectTriggeredDeadlines(new AcknowledgementDeadline(escalationId))
                    .expectNoEvents();
        }

        @Test
        void deadlineFiringAgainRecordsNoSecondOverdue() {
            // persistent deadline managers deliver at least once: a redelivery must not repeat the event
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW))
                    .andGiven(overdue(escalationId, IMMEDIATE, now.plus(Duration.ofMinutes(15))))
                    .whenTimeElapses(Duration.ofMinutes(15))
                    .expectTriggeredDeadlines(new AcknowledgementDeadline(escalationId))
                    .expectNoEvents();
        }

        @Test
        void deadlineForAnEscalationTheJournalDoesNotHoldIsIgnored() {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW))
                    .whenInvoking(journalId.toString(), journal -> journal.on(
                            new AcknowledgementDeadline(UUID.randomUUID())))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Acknowledging {

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.EscalationTest#clinicalStaff")
        void clinicalStaffOfTheTeamAcknowledgesAndTheDeadlineIsCancelled(Actor clinicalStaff) {
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, URGENT, PSW))
                    .when(acknowledge(escalationId, clinicalStaff))
                    .expectEvents(acknowledged(escalationId, clinicalStaff, false))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void acknowledgingCancelsOnlyThatEscalationsDeadline() {
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW), raise(otherEscalationId, URGENT, PSW))
                    .when(acknowledge(escalationId, CLINICIAN))
                    .expectEvents(acknowledged(escalationId, CLINICIAN, false))
                    .expectNoScheduledDeadline(now.plus(Duration.ofMinutes(15)),
                            new AcknowledgementDeadline(escalationId))
                    .expectScheduledDeadline(now.plus(Duration.ofHours(2)),
                            new AcknowledgementDeadline(otherEscalationId));
        }

        @Test
        void acknowledgementAfterTheDeadlineSaysItWasOverdue() {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW),
                            overdue(escalationId, IMMEDIATE, now.minus(Duration.ofMinutes(5))))
                    .when(acknowledge(escalationId, LEAD))
                    .expectEvents(acknowledged(escalationId, LEAD, true));
        }

        @Test
        void whoeverRaisedAnEscalationCannotAcknowledgeItInAnotherRole() {
            Actor annaNowClinician = new Actor(PSW.userId(), Role.CLINICIAN, TEAM);
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW))
                    .when(acknowledge(escalationId, annaNowClinician))
                    .expectException(ActionNotPermittedException.class)
                    .expectExceptionMessage("The person who raised an escalation cannot acknowledge it")
                    .expectNoEvents();
        }

        @Test
        void pswCannotAcknowledgeAndTheDeadlineStays() {
            fixture.given(opened())
                    .andGivenCommands(raise(escalationId, IMMEDIATE, PSW))
                    .when(acknowledge(escalationId, new Actor("bo", Role.PSW, TEAM)))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents()
                    .expectScheduledDeadline(now.plus(Duration.ofMinutes(15)),
                            new AcknowledgementDeadline(escalationId));
        }

        @Test
        void whoRaisedAnEscalationCannotAcknowledgeIt() {
            // only PSWs raise, so this takes a history in which carl raised while he still worked as a PSW
            fixture.given(opened(), raised(escalationId, IMMEDIATE, new Actor(CLINICIAN.userId(), Role.PSW, TEAM)))
                    .when(acknowledge(escalationId, CLINICIAN))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void secondAcknowledgementIsAConflict() {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW), acknowledged(escalationId, CLINICIAN, false))
                    .when(acknowledge(escalationId, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void resolvedEscalationCannotBeAcknowledgedAgain() {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW), acknowledged(escalationId, CLINICIAN, false),
                            resolved(escalationId, CLINICIAN))
                    .when(acknowledge(escalationId, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void acknowledgingAnEscalationTheJournalDoesNotHoldFindsNoEntry() {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW))
                    .when(acknowledge(UUID.randomUUID(), CLINICIAN))
                    .expectException(EntryNotFoundException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.EscalationTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW))
                    .when(acknowledge(escalationId, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void outsiderCannotProbeForEscalationIdsEither() {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW))
                    .when(acknowledge(UUID.randomUUID(), CLINICIAN_OF_OTHER_TEAM))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void theServiceItselfCannotAcknowledge() {
            // the SYSTEM actor records that a deadline passed; taking clinical responsibility is never its part
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW))
                    .when(acknowledge(escalationId, Actor.system(TEAM)))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Resolving {

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.EscalationTest#clinicalStaff")
        void acknowledgedEscalationIsResolvedByClinicalStaff(Actor clinicalStaff) {
            fixture.given(opened(), raised(escalationId, URGENT, PSW), acknowledged(escalationId, CLINICIAN, false))
                    .when(resolve(escalationId, clinicalStaff))
                    .expectEvents(resolved(escalationId, clinicalStaff));
        }

        @Test
        void overdueEscalationIsResolvedOnceAcknowledged() {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW),
                            overdue(escalationId, IMMEDIATE, now.minus(Duration.ofMinutes(5))),
                            acknowledged(escalationId, LEAD, true))
                    .when(resolve(escalationId, LEAD))
                    .expectEvents(resolved(escalationId, LEAD));
        }

        @Test
        void unacknowledgedEscalationCannotBeResolved() {
            fixture.given(opened(), raised(escalationId, URGENT, PSW))
                    .when(resolve(escalationId, CLINICIAN))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void overdueButUnacknowledgedEscalationCannotBeResolved() {
            fixture.given(opened(), raised(escalationId, IMMEDIATE, PSW),
                            overdue(escalationId, IMMEDIATE, now.minus(Duration.ofMinutes(5))))
                    .when(resolve(escalationId, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void resolvingTwiceIsAConflict() {
            fixture.given(opened(), raised(escalationId, URGENT, PSW), acknowledged(escalationId, CLINICIAN, false),
                            resolved(escalationId, CLINICIAN))
                    .when(resolve(escalationId, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void pswCannotResolve() {
            fixture.given(opened(), raised(escalationId, URGENT, PSW), acknowledged(escalationId, CLINICIAN, false))
                    .when(resolve(escalationId, PSW))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void resolvingAnEscalationTheJournalDoesNotHoldFindsNoEntry() {
            fixture.given(opened(), raised(escalationId, URGENT, PSW), acknowledged(escalationId, CLINICIAN, false))
                    .when(resolve(UUID.randomUUID(), CLINICIAN))
                    .expectException(EntryNotFoundException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.EscalationTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened(), raised(escalationId, URGENT, PSW), acknowledged(escalationId, CLINICIAN, false))
                    .when(resolve(escalationId, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }
    }

    /**
     * Snapshots store the aggregate, escalations included, as JSON. A journal loaded from a snapshot must know which
     * escalation is open, acknowledged or overdue exactly as the replayed one did.
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
        private final UUID acknowledgedId = UUID.randomUUID();
        private final UUID overdueId = UUID.randomUUID();
        private Journal live;
        private Journal restored;

        @BeforeEach
        void snapshotAJournalWithEscalationsInEveryState() {
            AtomicReference<Journal> replayed = new AtomicReference<>();
            fixture.given(opened(),
                            raised(openId, ROUTINE, PSW),
                            raised(acknowledgedId, URGENT, PSW), acknowledged(acknowledgedId, CLINICIAN, false),
                            raised(overdueId, IMMEDIATE, PSW),
                            overdue(overdueId, IMMEDIATE, now.plus(Duration.ofMinutes(15))))
                    .whenInvoking(journalId.toString(), replayed::set)
                    .expectNoEvents();
            live = replayed.get();

            SerializedObject<String> snapshot = serializer.serialize(live, String.class);
            restored = serializer.deserialize(snapshot);
        }

        @Test
        void snapshotKeepsEveryEscalation() {
            assertThat(live).extracting("escalations").asInstanceOf(MAP)
                    .containsOnlyKeys(openId, acknowledgedId, overdueId);
            assertThat(restored).isNotSameAs(live);
            assertThat(restored).usingRecursiveComparison().isEqualTo(live);
        }

        @Test
        void acknowledgedEscalationStillRefusesASecondAcknowledgement() {
            givenRestored()
                    .when(acknowledge(acknowledgedId, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void openEscalationCanBeAcknowledged() {
            givenRestored()
                    .when(acknowledge(openId, CLINICIAN))
                    .expectEvents(acknowledged(openId, CLINICIAN, false));
        }

        @Test
        void overdueEscalationIsStillKnownToBeOverdue() {
            givenRestored()
                    .when(acknowledge(overdueId, CLINICIAN))
                    .expectEvents(acknowledged(overdueId, CLINICIAN, true));
        }

        @Test
        void acknowledgedEscalationCanBeResolvedButTheOpenOneCannot() {
            givenRestored()
                    .when(resolve(acknowledgedId, LEAD))
                    .expectEvents(resolved(acknowledgedId, LEAD));
            givenRestored()
                    .when(resolve(openId, LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void restoredJournalStillKnowsWhoRaisedAnEscalation() {
            Actor raiserNowAClinician = new Actor(PSW.userId(), Role.CLINICIAN, TEAM);
            givenRestored()
                    .when(acknowledge(openId, raiserNowAClinician))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void deadlineReachingTheRestoredJournalMarksOnlyTheOpenEscalationOverdue() {
            Instant openDueBy = now.plus(Duration.ofHours(24));
            givenRestored()
                    .whenInvoking(journalId.toString(), journal -> journal.on(new AcknowledgementDeadline(openId)))
                    .expectEventsMatching(onlyEventBySystem(overdue(openId, ROUTINE, openDueBy)));
            givenRestored()
                    .whenInvoking(journalId.toString(), journal -> {
                        journal.on(new AcknowledgementDeadline(overdueId));
                        journal.on(new AcknowledgementDeadline(acknowledgedId));
                    })
                    .expectNoEvents();
        }

        @Test
        void restoredJournalAcceptsNewEscalationsButNotAReusedId() {
            // the deserialized escalations map must be mutable, or the first escalation after a snapshot fails
            UUID newId = UUID.randomUUID();
            AggregateTestFixture<Journal> restoredFixture = newFixture();
            restoredFixture.givenState(() -> restored)
                    .when(raise(newId, URGENT, PSW))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(
                            new EscalationRaised(newId, restoredFixture.currentTime().plus(Duration.ofHours(2))));
            givenRestored()
                    .when(raise(openId, URGENT, PSW))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void restoredJournalStillHidesFromOtherTeams() {
            givenRestored()
                    .when(acknowledge(openId, CLINICIAN_OF_OTHER_TEAM))
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
        // map it compares with Map.equals, and Escalation (an entity) has identity equality: every journal holding
        // an escalation would be reported as an "illegal state change". The rest of the journal is still compared;
        // the escalations' state is pinned by the given-events tests below and the snapshot comparison.
        newFixture.registerIgnoredField(Journal.class, "escalations");
        newFixture.registerInjectableResource(mock(PatientRefRegistry.class));
        newFixture.registerInjectableResource(mock(NoteFacts.class));
        newFixture.registerInjectableResource(new AcknowledgementDeadlines(ACKNOWLEDGE_WITHIN.get(IMMEDIATE),
                ACKNOWLEDGE_WITHIN.get(URGENT), ACKNOWLEDGE_WITHIN.get(ROUTINE)));
        return newFixture;
    }

    private JournalOpenedEvent opened() {
        return new JournalOpenedEvent(journalId, TEAM, "P-1042", "Patient 1042");
    }

    private RaiseEscalationCommand raise(UUID id, EscalationSeverity severity, Actor actor) {
        severities.put(id, severity);
        return new RaiseEscalationCommand(journalId, id, EscalationCategory.SUICIDE_RISK, severity,
                "Says she has a plan for tonight.", true, List.of("nurse on duty"), actor);
    }

    /** As a command raising it now would record it; given events name a deadline no stub manager holds. */
    private SafetyEscalationRaisedEvent raised(UUID id, EscalationSeverity severity, Actor by) {
        return raised(id, severity, by, now.plus(ACKNOWLEDGE_WITHIN.get(severity)), "deadline-" + id);
    }

    private SafetyEscalationRaisedEvent raised(UUID id, EscalationSeverity severity, Actor by, Instant acknowledgeBy,
            String deadlineId) {
        severities.put(id, severity);
        return new SafetyEscalationRaisedEvent(journalId, id, TEAM, EscalationCategory.SUICIDE_RISK, severity,
                "Says she has a plan for tonight.", true, List.of("nurse on duty"), by.userId(), acknowledgeBy,
                deadlineId);
    }

    private SafetyEscalationOverdueEvent overdue(UUID id, EscalationSeverity severity, Instant acknowledgeBy) {
        return new SafetyEscalationOverdueEvent(journalId, id, TEAM, severity, acknowledgeBy);
    }

    private AcknowledgeEscalationCommand acknowledge(UUID id, Actor actor) {
        return new AcknowledgeEscalationCommand(journalId, id, "Called her; crisis team visiting within the hour.",
                actor);
    }

    private SafetyEscalationAcknowledgedEvent acknowledged(UUID id, Actor by, boolean wasOverdue) {
        return new SafetyEscalationAcknowledgedEvent(journalId, id, TEAM, severities.get(id), by.userId(),
                "Called her; crisis team visiting within the hour.", wasOverdue);
    }

    private ResolveEscalationCommand resolve(UUID id, Actor actor) {
        return new ResolveEscalationCommand(journalId, id, "Safety plan agreed; follow-up booked.", actor);
    }

    private SafetyEscalationResolvedEvent resolved(UUID id, Actor by) {
        return new SafetyEscalationResolvedEvent(journalId, id, TEAM, severities.get(id), by.userId(),
                "Safety plan agreed; follow-up booked.");
    }

    private static boolean recordedBySystemOfTeam(Map<String, ?> metaData) {
        return ActorMetaData.from(metaData).equals(Optional.of(Actor.system(TEAM)));
    }

    /** The acknowledgement deadline of one escalation, carrying the SYSTEM actor; remembers the match. */
    private static Matcher<DeadlineMessage<?>> acknowledgementDeadline(UUID escalationId,
            AtomicReference<DeadlineMessage<?>> match) {
        return new CustomTypeSafeMatcher<>(DEADLINE_NAME + " deadline for " + escalationId
                + " with the system actor of " + TEAM) {
            @Override
            protected boolean matchesSafely(DeadlineMessage<?> deadline) {
                boolean matches = DEADLINE_NAME.equals(deadline.getDeadlineName())
                        && new AcknowledgementDeadline(escalationId).equals(deadline.getPayload())
                        && recordedBySystemOfTeam(deadline.getMetaData());
                if (matches) {
                    match.set(deadline);
                }
                return matches;
            }
        };
    }

    /** Exactly one event, with this payload, whose metadata names the SYSTEM actor of the journal's team. */
    private static Matcher<List<EventMessage<?>>> onlyEventBySystem(Object payload) {
        return new CustomTypeSafeMatcher<>("only " + payload + ", recorded by the system actor of " + TEAM) {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.size() == 1
                        && payload.equals(events.get(0).getPayload())
                        && recordedBySystemOfTeam(events.get(0).getMetaData());
            }
        };
    }

    /** Exactly one event, of this type; captures its payload for assertions after the fixture ran. */
    private static <E> Matcher<List<EventMessage<?>>> onlyEvent(Class<E> type, AtomicReference<E> payload) {
        return new CustomTypeSafeMatcher<>("only one " + type.getSimpleName()) {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                if (events.size() != 1 || !type.isInstance(events.get(0).getPayload())) {
                    return false;
                }
                payload.set(type.cast(events.get(0).getPayload()));
                return true;
            }
        };
    }
}
