package org.peerjournal.command.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.modelling.command.AggregateNotFoundException;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.error.ActionNotPermittedException;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.InvalidFieldException;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.error.StateConflictException;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.command.CorrectContactNoteCommand;
import org.peerjournal.shared.journal.command.OpenJournalCommand;
import org.peerjournal.shared.journal.command.RecordContactNoteCommand;
import org.peerjournal.shared.journal.command.RetractContactNoteCommand;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * Every rule of the journal aggregate, one test each. The fixture freezes {@code GenericEventMessage.clock} at
 * {@code fixture.currentTime()} while a command runs, which is the "now" the aggregate reads; times below are
 * relative to it.
 */
class JournalTest {

    private static final String TEAM = "ward-7";
    private static final String OTHER_TEAM = "ward-9";
    private static final String PATIENT_REF = "P-1042";
    private static final String DISPLAY_NAME = "Patient 1042";

    private static final Actor LEAD = new Actor("lena", Role.TEAM_LEAD, TEAM);
    private static final Actor AUTHOR = new Actor("anna", Role.PSW, TEAM);
    private static final Actor OTHER_PSW = new Actor("bo", Role.PSW, TEAM);
    private static final Actor CLINICIAN = new Actor("carl", Role.CLINICIAN, TEAM);
    private static final Actor LEAD_OF_OTHER_TEAM = new Actor("olle", Role.TEAM_LEAD, OTHER_TEAM);
    private static final Actor PSW_OF_OTHER_TEAM = new Actor("petra", Role.PSW, OTHER_TEAM);
    private static final Actor AUDITOR = new Actor("ingrid", Role.AUDITOR, null);
    private static final Actor ADMIN = new Actor("root", Role.ADMIN, null);

    private final UUID journalId = UUID.randomUUID();
    private final UUID noteId = UUID.randomUUID();

    private PatientRefRegistry patientRefs;
    private NoteFacts noteFacts;
    private AggregateTestFixture<Journal> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        patientRefs = mock(PatientRefRegistry.class);
        noteFacts = mock(NoteFacts.class);
        fixture = newFixture();
        now = fixture.currentTime();
    }

    /** Everyone who must not be able to tell that another team's journal exists. */
    static Stream<Actor> outsiders() {
        return Stream.of(PSW_OF_OTHER_TEAM, LEAD_OF_OTHER_TEAM, AUDITOR, ADMIN);
    }

    @Nested
    class Opening {

        @Test
        void teamLeadOfTheTeamOpensAJournal() {
            fixture.givenNoPriorActivity()
                    .when(open(LEAD))
                    .expectEvents(opened())
                    // the HTTP layer answers with this id and builds the Location header from it
                    .expectResultMessagePayload(journalId);
        }

        @Test
        void openingClaimsThePatientRefForTheTeamAndTheJournal() {
            fixture.givenNoPriorActivity()
                    .when(open(LEAD))
                    .expectSuccessfulHandlerExecution();

            verify(patientRefs).claim(TEAM, PATIENT_REF, journalId);
        }

        @Test
        void pswCannotOpenAJournal() {
            fixture.givenNoPriorActivity()
                    .when(open(AUTHOR))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();

            // a refused request must not reserve the patientRef for anyone
            verifyNoInteractions(patientRefs);
        }

        @Test
        void teamLeadOfAnotherTeamCannotOpenAJournalForThisTeam() {
            fixture.givenNoPriorActivity()
                    .when(open(LEAD_OF_OTHER_TEAM))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();

            verifyNoInteractions(patientRefs);
        }

        @Test
        void patientRefTheTeamAlreadyUsesIsAConflictAndOpensNothing() {
            doThrow(new StateConflictException("Team " + TEAM + " already has a journal for this patientRef"))
                    .when(patientRefs).claim(TEAM, PATIENT_REF, journalId);

            fixture.givenNoPriorActivity()
                    .when(open(LEAD))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Recording {

        @Test
        void pswOfTheTeamRecordsANoteUnderTheirOwnName() {
            Instant occurredAt = now.minus(Duration.ofHours(1));

            fixture.given(opened())
                    .when(record(noteId, occurredAt, AUTHOR))
                    .expectEvents(new ContactNoteRecordedEvent(journalId, noteId, AUTHOR.userId(),
                            ContactType.HOME_VISIT, occurredAt, 45, "Walked to the pharmacy together.", false))
                    // recordedAt is the stored event's timestamp, so the client is told what the journal keeps
                    .expectResultMessagePayload(new NoteRecorded(noteId, now, false));
            verify(noteFacts).recorded(journalId, noteId, AUTHOR.userId());
        }

        @Test
        void aNoteIdTheFactsHaveAlreadyIsAConflict() {
            doThrow(new StateConflictException("Note exists already")).when(noteFacts)
                    .recorded(journalId, noteId, AUTHOR.userId());

            fixture.given(opened())
                    .when(record(noteId, now, AUTHOR))
                    .expectException(StateConflictException.class);
        }

        @Test
        void clinicianCannotRecordANote() {
            fixture.given(opened())
                    .when(record(noteId, now, CLINICIAN))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void teamLeadCannotRecordANote() {
            fixture.given(opened())
                    .when(record(noteId, now, LEAD))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.JournalTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened())
                    .when(record(noteId, now, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void outsiderLearnsNothingEvenFromAnInvalidNote() {
            // validating first would answer "occurredAt is invalid" and so reveal that the journal exists
            fixture.given(opened())
                    .when(record(noteId, now.plus(Duration.ofDays(1)), PSW_OF_OTHER_TEAM))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void reusedNoteIdIsAConflict() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(record(noteId, now, AUTHOR))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void contactMoreThanFiveMinutesInTheFutureIsRefused() {
            fixture.given(opened())
                    .when(record(noteId, now.plus(Duration.ofMinutes(5)).plusSeconds(1), AUTHOR))
                    .expectException(invalidField("occurredAt"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(ints = {4, 5})
        void contactUpToFiveMinutesInTheFutureIsAcceptedAsClockSkew(int minutesAhead) {
            Instant occurredAt = now.plus(Duration.ofMinutes(minutesAhead));

            fixture.given(opened())
                    .when(record(noteId, occurredAt, AUTHOR))
                    .expectEvents(new ContactNoteRecordedEvent(journalId, noteId, AUTHOR.userId(),
                            ContactType.HOME_VISIT, occurredAt, 45, "Walked to the pharmacy together.", false));
        }

        @Test
        void noteRecordedMoreThan24HoursAfterTheContactIsALateEntry() {
            Instant occurredAt = now.minus(Duration.ofHours(24)).minusSeconds(1);

            fixture.given(opened())
                    .when(record(noteId, occurredAt, AUTHOR))
                    .expectEvents(new ContactNoteRecordedEvent(journalId, noteId, AUTHOR.userId(),
                            ContactType.HOME_VISIT, occurredAt, 45, "Walked to the pharmacy together.", true))
                    .expectResultMessagePayload(new NoteRecorded(noteId, now, true));
        }

        @Test
        void noteRecordedExactly24HoursAfterTheContactIsNotALateEntry() {
            Instant occurredAt = now.minus(Duration.ofHours(24));

            fixture.given(opened())
                    .when(record(noteId, occurredAt, AUTHOR))
                    .expectEvents(new ContactNoteRecordedEvent(journalId, noteId, AUTHOR.userId(),
                            ContactType.HOME_VISIT, occurredAt, 45, "Walked to the pharmacy together.", false))
                    .expectResultMessagePayload(new NoteRecorded(noteId, now, false));
        }
    }

    @Nested
    class Correcting {

        @Test
        void authorCorrectsTheirNoteAsRevisionTwo() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(correct(noteId, AUTHOR))
                    .expectEvents(corrected(noteId, 2, AUTHOR))
                    .expectResultMessagePayload(new NoteCorrected(noteId, 2));
        }

        @Test
        void furtherCorrectionBecomesTheNextRevision() {
            fixture.given(opened(), recorded(noteId, AUTHOR), corrected(noteId, 2, AUTHOR))
                    .when(correct(noteId, AUTHOR))
                    .expectEvents(corrected(noteId, 3, AUTHOR))
                    .expectResultMessagePayload(new NoteCorrected(noteId, 3));
        }

        @Test
        void anotherPswOfTheTeamCannotCorrectTheAuthorsNote() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(correct(noteId, OTHER_PSW))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void teamLeadCannotCorrectSomeoneElsesNote() {
            // a team lead may retract a note, but rewriting it would put words in the author's mouth
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(correct(noteId, LEAD))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void retractedNoteCannotBeCorrected() {
            fixture.given(opened(), recorded(noteId, AUTHOR), retracted(noteId, AUTHOR))
                    .when(correct(noteId, AUTHOR))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void correctingANoteTheJournalDoesNotHoldFindsNoEntry() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(correct(UUID.randomUUID(), AUTHOR))
                    .expectException(EntryNotFoundException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.JournalTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(correct(noteId, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Retracting {

        @Test
        void authorRetractsTheirNote() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(retract(noteId, AUTHOR))
                    .expectEvents(retracted(noteId, AUTHOR))
                    .expectResultMessagePayload(new NoteRetracted(noteId));
            verify(noteFacts).retracted(noteId);
        }

        @Test
        void teamLeadOfTheTeamRetractsAnyNoteOfIt() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(retract(noteId, LEAD))
                    .expectEvents(retracted(noteId, LEAD));
        }

        @Test
        void anotherPswOfTheTeamCannotRetractTheAuthorsNote() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(retract(noteId, OTHER_PSW))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void clinicianCannotRetractANote() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(retract(noteId, CLINICIAN))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void retractingTwiceIsAConflict() {
            fixture.given(opened(), recorded(noteId, AUTHOR), retracted(noteId, AUTHOR))
                    .when(retract(noteId, AUTHOR))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void retractingANoteTheJournalDoesNotHoldFindsNoEntry() {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(retract(UUID.randomUUID(), LEAD))
                    .expectException(EntryNotFoundException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("org.peerjournal.command.journal.JournalTest#outsiders")
        void outsiderCannotTellTheJournalExists(Actor outsider) {
            fixture.given(opened(), recorded(noteId, AUTHOR))
                    .when(retract(noteId, outsider))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void commandForAJournalNeverOpenedFindsNoAggregate() {
        // the HTTP layer answers AggregateNotFoundException with the same 404 as another team's journal
        fixture.givenNoPriorActivity()
                .when(record(noteId, now, AUTHOR))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    /**
     * Snapshots store the aggregate as JSON (see the {@code @JsonAutoDetect} on {@link Journal}), without its notes:
     * a journal loaded from a snapshot finds them in {@link NoteFacts}, the table the command handlers keep in step
     * with the note events (stubbed here with what those handlers wrote), and must enforce exactly the rules the
     * replayed one did.
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

        private final UUID retractedNoteId = UUID.randomUUID();
        private Journal live;
        private SerializedObject<String> snapshot;
        private Journal restored;

        @BeforeEach
        void snapshotAJournalWithSeveralNotes() {
            AtomicReference<Journal> replayed = new AtomicReference<>();
            fixture.given(opened(), recorded(noteId, AUTHOR), corrected(noteId, 2, AUTHOR),
                            recorded(retractedNoteId, OTHER_PSW), retracted(retractedNoteId, LEAD))
                    .when(correct(noteId, AUTHOR))
                    .expectEvents(corrected(noteId, 3, AUTHOR))
                    .expectState(replayed::set);
            live = replayed.get();

            snapshot = serializer.serialize(live, String.class);
            restored = serializer.deserialize(snapshot);
            when(noteFacts.find(journalId, noteId))
                    .thenReturn(Optional.of(new NoteState(AUTHOR.userId(), 3, false, null)));
            when(noteFacts.find(journalId, retractedNoteId))
                    .thenReturn(Optional.of(new NoteState(OTHER_PSW.userId(), 1, true, null)));
        }

        @Test
        void snapshotKeepsJournalAndTeamButNoNotes() {
            assertThat(snapshot.getData()).doesNotContain(noteId.toString()).doesNotContain("\"notes\"");
            assertThat(restored).isNotSameAs(live);
            assertThat(restored).usingRecursiveComparison().ignoringFields("notes").isEqualTo(live);
        }

        @Test
        void restoredJournalContinuesTheRevisionCount() {
            givenRestored()
                    .when(correct(noteId, AUTHOR))
                    .expectEvents(corrected(noteId, 4, AUTHOR));
            verify(noteFacts).corrected(noteId, 4);
        }

        @Test
        void restoredJournalDoesNotKnowANoteOfAnotherJournal() {
            givenRestored()
                    .when(correct(UUID.randomUUID(), AUTHOR))
                    .expectException(EntryNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void restoredJournalStillKnowsWhoWroteANote() {
            givenRestored()
                    .when(correct(noteId, OTHER_PSW))
                    .expectException(ActionNotPermittedException.class)
                    .expectNoEvents();
        }

        @Test
        void restoredJournalStillKnowsWhichNoteIsRetracted() {
            givenRestored()
                    .when(retract(retractedNoteId, OTHER_PSW))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void restoredJournalStillHidesFromOtherTeams() {
            givenRestored()
                    .when(record(UUID.randomUUID(), now, PSW_OF_OTHER_TEAM))
                    .expectException(JournalNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void restoredJournalAcceptsNewNotes() {
            // the deserialized notes map must be mutable, or the first note after a snapshot fails
            UUID newNoteId = UUID.randomUUID();
            AggregateTestFixture<Journal> restoredFixture = newFixture();
            restoredFixture.givenState(() -> restored)
                    .when(record(newNoteId, now, AUTHOR))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(new NoteRecorded(newNoteId, restoredFixture.currentTime(), false));
        }

        private TestExecutor<Journal> givenRestored() {
            return newFixture().givenState(() -> restored);
        }
    }

    private AggregateTestFixture<Journal> newFixture() {
        AggregateTestFixture<Journal> newFixture = new AggregateTestFixture<>(Journal.class);
        newFixture.registerInjectableResource(patientRefs);
        newFixture.registerInjectableResource(noteFacts);
        return newFixture;
    }

    private OpenJournalCommand open(Actor actor) {
        return new OpenJournalCommand(journalId, TEAM, PATIENT_REF, DISPLAY_NAME, actor);
    }

    private JournalOpenedEvent opened() {
        return new JournalOpenedEvent(journalId, TEAM, PATIENT_REF, DISPLAY_NAME);
    }

    private RecordContactNoteCommand record(UUID id, Instant occurredAt, Actor actor) {
        return new RecordContactNoteCommand(journalId, id, ContactType.HOME_VISIT, occurredAt, 45,
                "Walked to the pharmacy together.", actor);
    }

    private ContactNoteRecordedEvent recorded(UUID id, Actor author) {
        return new ContactNoteRecordedEvent(journalId, id, author.userId(), ContactType.GROUP_SESSION,
                now.minus(Duration.ofHours(2)), 60, "Recovery group, six participants.", false);
    }

    private CorrectContactNoteCommand correct(UUID id, Actor actor) {
        return new CorrectContactNoteCommand(journalId, id, "Recovery group, seven participants.",
                "Miscounted", actor);
    }

    private ContactNoteCorrectedEvent corrected(UUID id, int revision, Actor by) {
        return new ContactNoteCorrectedEvent(journalId, id, revision, "Recovery group, seven participants.",
                "Miscounted", by.userId());
    }

    private RetractContactNoteCommand retract(UUID id, Actor actor) {
        return new RetractContactNoteCommand(journalId, id, "Entered in the wrong journal", actor);
    }

    private ContactNoteRetractedEvent retracted(UUID id, Actor by) {
        return new ContactNoteRetractedEvent(journalId, id, "Entered in the wrong journal", by.userId());
    }

    private static Matcher<InvalidFieldException> invalidField(String field) {
        return new CustomTypeSafeMatcher<>("InvalidFieldException for field " + field) {
            @Override
            protected boolean matchesSafely(InvalidFieldException exception) {
                return field.equals(exception.field());
            }
        };
    }
}
