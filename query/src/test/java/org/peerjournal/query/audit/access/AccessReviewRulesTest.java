package org.peerjournal.query.audit.access;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The review rules on hand-made access logs and journal histories: each rule, on data that triggers it and not. */
class AccessReviewRulesTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /** A Tuesday afternoon in Stockholm: inside working hours. */
    private static final Instant AFTERNOON = ZonedDateTime.of(2026, 3, 10, 14, 0, 0, 0, STOCKHOLM).toInstant();

    private final Map<UUID, List<EventMessage<?>>> histories = new HashMap<>();
    private final List<AccessLogEntry> accesses = new ArrayList<>();

    @Nested
    class BulkReading {

        @Test
        void moreThanTwentyJournalsWithinTenMinutesIsOneFindingWithAllOfThem() {
            List<UUID> journals = IntStream.range(0, 21).mapToObj(i -> journalWithRecentContact()).toList();
            for (int i = 0; i < journals.size(); i++) {
                read("clara", "CLINICIAN", journals.get(i), AFTERNOON.plusSeconds(25L * i));
            }

            List<AccessFinding> bulk = findings(defaults(), ReviewRule.BULK_READING);

            assertThat(bulk).singleElement().satisfies(finding -> {
                assertThat(finding.userId()).isEqualTo("clara");
                assertThat(finding.journalIds()).containsExactlyElementsOf(journals);
                assertThat(finding.entries()).hasSize(21);
                assertThat(finding.firstAt()).isEqualTo(AFTERNOON);
                assertThat(finding.lastAt()).isEqualTo(AFTERNOON.plusSeconds(500));
            });
        }

        @Test
        void twentyJournalsOrReadsSpreadBeyondTheWindowAreNoFinding() {
            List<UUID> journals = IntStream.range(0, 21).mapToObj(i -> journalWithRecentContact()).toList();
            for (int i = 0; i < 20; i++) {
                read("clara", "CLINICIAN", journals.get(i), AFTERNOON.plusSeconds(20L * i));
                read("clara", "CLINICIAN", journals.get(i), AFTERNOON.plusSeconds(20L * i + 5));
            }
            for (int i = 0; i < 21; i++) {
                read("david", "TEAM_LEAD", journals.get(i), AFTERNOON.plus(Duration.ofMinutes(i)));
            }

            assertThat(findings(defaults(), ReviewRule.BULK_READING)).isEmpty();
        }
    }

    @Nested
    class OutsideWorkingHours {

        @Test
        void readsFromTenInTheEveningUntilSixInTheMorningAreFound() {
            UUID journal = journalWithRecentContact();
            read("anna", "PSW", journal, at(2026, 3, 10, 22, 0));
            read("anna", "PSW", journal, at(2026, 3, 11, 5, 59));
            read("bo", "PSW", journal, at(2026, 3, 10, 21, 59));
            read("bo", "PSW", journal, at(2026, 3, 11, 6, 0));

            List<AccessFinding> outside = findings(defaults(), ReviewRule.OUTSIDE_WORKING_HOURS);

            assertThat(outside).extracting(AccessFinding::userId, AccessFinding::day).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("anna", LocalDate.of(2026, 3, 10)),
                    org.assertj.core.groups.Tuple.tuple("anna", LocalDate.of(2026, 3, 11)));
        }

        @Test
        void theHoursAndZoneAreConfigurable() {
            UUID journal = journalWithRecentContact();
            read("anna", "PSW", journal, AFTERNOON);
            AccessReviewProperties lunch = properties(new AccessReviewProperties.OutsideWorkingHours(
                    LocalTime.of(12, 0), LocalTime.of(15, 0)), true);

            assertThat(findings(lunch, ReviewRule.OUTSIDE_WORKING_HOURS)).hasSize(1);
            assertThat(findings(defaults(), ReviewRule.OUTSIDE_WORKING_HOURS)).isEmpty();
        }
    }

    @Nested
    class DormantJournal {

        @Test
        void aReadNinetyOneDaysAfterTheLastContactIsFound() {
            UUID dormant = journal(AFTERNOON.minus(Duration.ofDays(400)), AFTERNOON.minus(Duration.ofDays(91)));
            read("clara", "CLINICIAN", dormant, AFTERNOON);

            assertThat(findings(defaults(), ReviewRule.DORMANT_JOURNAL)).singleElement()
                    .satisfies(finding -> assertThat(finding.journalIds()).containsExactly(dormant));
        }

        @Test
        void aContactWithinNinetyDaysOrARecentOpeningIsNoFinding() {
            read("clara", "CLINICIAN", journal(AFTERNOON.minus(Duration.ofDays(400)),
                    AFTERNOON.minus(Duration.ofDays(89))), AFTERNOON);
            read("clara", "CLINICIAN", journal(AFTERNOON.minus(Duration.ofDays(30))), AFTERNOON);

            assertThat(findings(defaults(), ReviewRule.DORMANT_JOURNAL)).isEmpty();
        }

        @Test
        void aRetractedContactOrOneAfterTheReadDoesNotCount() {
            UUID journal = journal(AFTERNOON.minus(Duration.ofDays(400)), AFTERNOON.minus(Duration.ofDays(10)));
            UUID noteId = ((ContactNoteRecordedEvent) histories.get(journal).get(1).getPayload()).noteId();
            histories.get(journal).add(event(new ContactNoteRetractedEvent(journal, noteId, "Wrong journal", "anna"),
                    AFTERNOON.minus(Duration.ofDays(9))));
            UUID later = journal(AFTERNOON.minus(Duration.ofDays(400)), AFTERNOON.plus(Duration.ofDays(1)));
            read("clara", "CLINICIAN", journal, AFTERNOON);
            read("clara", "CLINICIAN", later, AFTERNOON);

            assertThat(findings(defaults(), ReviewRule.DORMANT_JOURNAL)).hasSize(2);
        }
    }

    @Nested
    class NoCareRelation {

        @Test
        void aTeamMemberWhoNeverDocumentedInTheJournalIsFoundButItsAuthorIsNot() {
            UUID journal = journalWithRecentContact();
            read("clara", "CLINICIAN", journal, AFTERNOON);
            read("anna", "PSW", journal, AFTERNOON);
            read("eva", "AUDITOR", journal, AFTERNOON);

            assertThat(findings(defaults(), ReviewRule.NO_CARE_RELATION)).singleElement()
                    .satisfies(finding -> assertThat(finding.userId()).isEqualTo("clara"));
        }

        @Test
        void anOpenConflictIsAPartInTheCareUntilItIsResolved() {
            UUID journal = journalWithRecentContact();
            UUID conflictId = UUID.randomUUID();
            histories.get(journal).add(event(new LoyaltyConflictFlaggedEvent(journal, conflictId, "north",
                    ConflictKind.MEDICATION, "d", "p", "s", false, "pia"), AFTERNOON.minusSeconds(60)));
            histories.get(journal).add(event(new LoyaltyConflictResolvedEvent(journal, conflictId, "north", "r",
                    "david"), AFTERNOON.plusSeconds(60)));
            read("pia", "PSW", journal, AFTERNOON);
            read("pia", "PSW", journal, AFTERNOON.plusSeconds(120));

            assertThat(findings(defaults(), ReviewRule.NO_CARE_RELATION)).singleElement()
                    .satisfies(finding -> assertThat(finding.firstAt()).isEqualTo(AFTERNOON.plusSeconds(120)));
        }

        @Test
        void clinicalStaffMayReadWhileAnEscalationAwaitsAcknowledgementAndTheAcknowledgerUntilItIsResolved() {
            UUID journal = journalWithRecentContact();
            UUID escalationId = UUID.randomUUID();
            histories.get(journal).add(event(new SafetyEscalationRaisedEvent(journal, escalationId, "north",
                    EscalationCategory.SUICIDE_RISK, EscalationSeverity.IMMEDIATE, "d", true, List.of(), "anna",
                    AFTERNOON, "deadline"), AFTERNOON.minusSeconds(600)));
            histories.get(journal).add(event(new SafetyEscalationAcknowledgedEvent(journal, escalationId, "north",
                    EscalationSeverity.IMMEDIATE, "clara", "Called", false), AFTERNOON.minusSeconds(300)));
            read("clara", "CLINICIAN", journal, AFTERNOON);
            read("david", "TEAM_LEAD", journal, AFTERNOON.minusSeconds(400));
            read("david", "TEAM_LEAD", journal, AFTERNOON);

            assertThat(findings(defaults(), ReviewRule.NO_CARE_RELATION)).singleElement().satisfies(finding -> {
                assertThat(finding.userId()).isEqualTo("david");
                assertThat(finding.entries()).extracting(AccessLogEntry::at).containsExactly(AFTERNOON);
            });
        }

        @Test
        void theRuleCanBeSwitchedOff() {
            read("clara", "CLINICIAN", journalWithRecentContact(), AFTERNOON);
            AccessReviewProperties off = properties(defaults().outsideWorkingHours(), false);

            assertThat(findings(off, ReviewRule.NO_CARE_RELATION)).isEmpty();
        }
    }

    @Test
    void findingIdsAreTheSameInEveryReviewOfTheDayAndNameIt() {
        UUID journal = journalWithRecentContact();
        read("clara", "CLINICIAN", journal, at(2026, 3, 10, 23, 30));
        List<AccessLogEntry> withAnotherDay = new ArrayList<>(accesses);
        withAnotherDay.add(entry("clara", "CLINICIAN", journal, at(2026, 3, 12, 23, 30)));

        List<String> once = ids(accesses);
        List<String> again = ids(List.copyOf(accesses));
        List<String> widerWindow = ids(withAnotherDay);

        assertThat(once).hasSize(2).isEqualTo(again);
        assertThat(widerWindow).hasSize(4).containsAll(once);
        assertThat(once).allSatisfy(id -> assertThat(AccessReviewRules.dayOf(id)).isEqualTo(LocalDate.of(2026, 3, 10)));
    }

    @Test
    void onlyTheReviewedActionsAreReviewed() {
        UUID journal = journalWithRecentContact();
        accesses.add(new AccessLogEntry(at(2026, 3, 10, 23, 30), "clara", "CLINICIAN", "north", "journal-list",
                journal));

        assertThat(new AccessReviewRules(defaults()).findings(accesses, this::facts)).isEmpty();
    }

    private List<String> ids(List<AccessLogEntry> log) {
        return new AccessReviewRules(defaults()).findings(log, this::facts).stream().map(AccessFinding::findingId)
                .toList();
    }

    private List<AccessFinding> findings(AccessReviewProperties rules, ReviewRule rule) {
        return new AccessReviewRules(rules).findings(accesses, this::facts).stream()
                .filter(finding -> finding.rule() == rule).toList();
    }

    private JournalCareFacts facts(UUID journalId) {
        return JournalCareFacts.of(histories.get(journalId));
    }

    private static AccessReviewProperties defaults() {
        return properties(new AccessReviewProperties.OutsideWorkingHours(LocalTime.of(22, 0), LocalTime.of(6, 0)),
                true);
    }

    private static AccessReviewProperties properties(AccessReviewProperties.OutsideWorkingHours hours,
            boolean noCareRelation) {
        return new AccessReviewProperties(Set.of("timeline", "audit-timeline"), STOCKHOLM,
                new AccessReviewProperties.BulkReading(20, Duration.ofMinutes(10)), hours,
                new AccessReviewProperties.DormantJournal(Duration.ofDays(90)),
                new AccessReviewProperties.NoCareRelation(noCareRelation));
    }

    /** A journal opened a year ago with one note by anna a week before {@link #AFTERNOON}. */
    private UUID journalWithRecentContact() {
        return journal(AFTERNOON.minus(Duration.ofDays(365)), AFTERNOON.minus(Duration.ofDays(7)));
    }

    /** A journal opened then, with a note by anna for each contact (recorded when it took place). */
    private UUID journal(Instant openedAt, Instant... contacts) {
        UUID journalId = UUID.randomUUID();
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(event(new JournalOpenedEvent(journalId, "north", "P-" + journalId, "Patient"), openedAt));
        for (Instant contact : contacts) {
            events.add(event(new ContactNoteRecordedEvent(journalId, UUID.randomUUID(), "anna",
                    ContactType.INDIVIDUAL_CONVERSATION, contact, 30, "text", false), contact));
        }
        histories.put(journalId, events);
        return journalId;
    }

    private void read(String user, String role, UUID journalId, Instant at) {
        accesses.add(entry(user, role, journalId, at));
    }

    private static AccessLogEntry entry(String user, String role, UUID journalId, Instant at) {
        return new AccessLogEntry(at, user, role, role.equals("AUDITOR") ? null : "north", role.equals("AUDITOR")
                ? "audit-timeline" : "timeline", journalId);
    }

    private static EventMessage<?> event(Object payload, Instant at) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(), at);
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, STOCKHOLM).toInstant();
    }
}
