package org.peerjournal.query.audit;

import org.junit.jupiter.api.Test;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentReportBuilderTest {

    private static final String TEAM = "north";
    private static final Actor LEAD = new Actor("david", Role.TEAM_LEAD, TEAM);
    private static final Actor PSW = new Actor("anna", Role.PSW, TEAM);
    private static final Actor CLINICIAN = new Actor("clara", Role.CLINICIAN, TEAM);
    private static final Instant RAISED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant DEADLINE = RAISED.plus(Duration.ofMinutes(15));
    private static final Instant ACKNOWLEDGED = DEADLINE.plus(Duration.ofMinutes(20)).plusSeconds(30);

    private final UUID journalId = UUID.randomUUID();
    private final UUID escalationId = UUID.randomUUID();
    private final UUID noteId = UUID.randomUUID();
    private final List<AccessLogEntry> reads = List.of(new AccessLogEntry(ACKNOWLEDGED, "clara", "CLINICIAN", TEAM,
            "timeline", journalId));
    private final JournalEvents events = new JournalEvents(journalId)
            .add(RAISED.minusSeconds(3600), LEAD, new JournalOpenedEvent(journalId, TEAM, "NR-1", "Maria S."))
            .add(RAISED.minusSeconds(60), PSW, new ContactNoteRecordedEvent(journalId, noteId, "anna",
                    ContactType.HOME_VISIT, RAISED.minusSeconds(3000), 40, "she said goodbye", true))
            .add(RAISED, PSW, new SafetyEscalationRaisedEvent(journalId, escalationId, TEAM,
                    EscalationCategory.SUICIDE_RISK, EscalationSeverity.IMMEDIATE, "goodbye", true, List.of("nurse"),
                    "anna", DEADLINE, "d-1"))
            .add(DEADLINE, Actor.system(TEAM), new SafetyEscalationOverdueEvent(journalId, escalationId, TEAM,
                    EscalationSeverity.IMMEDIATE, DEADLINE))
            .add(ACKNOWLEDGED, CLINICIAN, new SafetyEscalationAcknowledgedEvent(journalId, escalationId, TEAM,
                    EscalationSeverity.IMMEDIATE, "clara", "called her", true));

    @Test
    void anEscalationShowsWhoDidEachStepWhenAndTheMinutesBetween() {
        IncidentReport report = build(null, null);

        assertThat(report.displayName()).isEqualTo("Maria S.");
        assertThat(report.escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.raised()).isEqualTo(new IncidentReport.Step(RAISED, "anna"));
            assertThat(escalation.deadline()).isEqualTo(DEADLINE);
            assertThat(escalation.overdue()).isEqualTo(new IncidentReport.Step(DEADLINE, "system"));
            assertThat(escalation.acknowledged()).isEqualTo(new IncidentReport.Step(ACKNOWLEDGED, "clara"));
            assertThat(escalation.actionTaken()).isEqualTo("called her");
            assertThat(escalation.resolved()).isNull();
            assertThat(escalation.minutesRaisedToAcknowledged()).isEqualTo(35);
            assertThat(escalation.minutesAcknowledgedLate()).isEqualTo(20);
            assertThat(escalation.minutesAcknowledgedToResolved()).isNull();
        });
        assertThat(report.notes()).singleElement().satisfies(note -> {
            assertThat(note.activity()).isEqualTo(IncidentReport.ActivityKind.RECORDED);
            assertThat(note.by()).isEqualTo("anna");
            assertThat(note.detail()).isEqualTo("HOME_VISIT, 40 min, late entry");
        });
        assertThat(report.reads()).isEqualTo(reads);
    }

    @Test
    void anEscalationRaisedBeforeTheWindowIsShownWholeWhenOneOfItsStepsFallsInIt() {
        IncidentReport report = build(DEADLINE, DEADLINE.plusSeconds(1));

        assertThat(report.escalations()).singleElement()
                .satisfies(escalation -> assertThat(escalation.raised().at()).isEqualTo(RAISED));
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void aWindowThatNoStepTouchesShowsNoEscalation() {
        IncidentReport report = build(ACKNOWLEDGED.plusSeconds(1), null);

        assertThat(report.escalations()).isEmpty();
        assertThat(report.notes()).isEmpty();
    }

    private IncidentReport build(Instant from, Instant to) {
        return IncidentReportBuilder.build(events.list(), reads, from, to, ACKNOWLEDGED.plusSeconds(3600), "eva");
    }
}
