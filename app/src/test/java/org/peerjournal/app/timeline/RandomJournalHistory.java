package org.peerjournal.app.timeline;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.conflict.ConflictKind;
import org.peerjournal.shared.conflict.DiscussionForum;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A random but possible history of one journal: every event type, in an order the aggregate would allow (a
 * correction only of a note not retracted, a resolution only of an acknowledged escalation, a discussion only of an
 * open conflict...), each event a few seconds after the one before, with the actor metadata the store demands.
 */
final class RandomJournalHistory {

    private static final String PSW = "psw-1";
    private static final List<String> PSWS = List.of(PSW, "psw-2");

    private final Random random;
    private final UUID journalId = UUID.randomUUID();
    private final String teamId;
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private final Map<UUID, Integer> notRetractedNotes = new LinkedHashMap<>();
    private final Map<UUID, String> noteAuthors = new LinkedHashMap<>();
    private final Map<UUID, EscalationStatus> escalations = new LinkedHashMap<>();
    private final Map<UUID, Boolean> overdue = new LinkedHashMap<>();
    private final Map<UUID, Instant> deadlines = new LinkedHashMap<>();
    private final List<UUID> openConflicts = new ArrayList<>();
    private Instant clock;

    private RandomJournalHistory(Random random, String teamId) {
        this.random = random;
        this.teamId = teamId;
        this.clock = Instant.now().minus(Duration.ofDays(30 + random.nextInt(300))).truncatedTo(ChronoUnit.MILLIS);
    }

    static RandomJournalHistory generate(Random random, String teamId, int steps) {
        RandomJournalHistory history = new RandomJournalHistory(random, teamId);
        history.append(new JournalOpenedEvent(history.journalId, teamId, "P-" + history.journalId, "Patient"),
                Role.TEAM_LEAD, "lead");
        for (int step = 0; step < steps; step++) {
            history.randomStep();
        }
        return history;
    }

    UUID journalId() {
        return journalId;
    }

    List<DomainEventMessage<?>> events() {
        return events;
    }

    private void randomStep() {
        List<Runnable> possible = new ArrayList<>(List.of(this::recordNote, this::raiseEscalation, this::flagConflict));
        if (!notRetractedNotes.isEmpty()) {
            possible.add(this::correctNote);
            possible.add(this::retractNote);
        }
        if (escalations.containsValue(EscalationStatus.OPEN)) {
            possible.add(this::acknowledge);
            if (escalations.keySet().stream().anyMatch(this::mayGoOverdue)) {
                possible.add(this::goOverdue);
            }
        }
        if (escalations.containsValue(EscalationStatus.ACKNOWLEDGED)) {
            possible.add(this::resolveEscalation);
        }
        if (!openConflicts.isEmpty()) {
            possible.add(this::discussConflict);
            possible.add(this::discussConflict);
            possible.add(this::resolveConflict);
        }
        possible.get(random.nextInt(possible.size())).run();
    }

    private void recordNote() {
        UUID noteId = UUID.randomUUID();
        String author = pick(PSWS);
        // Contacts happened before they were recorded, some long before (late entries), some at the same instant.
        Instant occurredAt = random.nextInt(5) == 0 ? lastOccurredAt()
                : clock.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60))).truncatedTo(ChronoUnit.MILLIS);
        boolean late = Duration.between(occurredAt, clock).compareTo(Duration.ofHours(24)) > 0;
        notRetractedNotes.put(noteId, 1);
        noteAuthors.put(noteId, author);
        append(new ContactNoteRecordedEvent(journalId, noteId, author, pick(List.of(ContactType.values())),
                occurredAt, 1 + random.nextInt(120), "note " + random.nextInt(), late), Role.PSW, author);
    }

    private void correctNote() {
        UUID noteId = pick(List.copyOf(notRetractedNotes.keySet()));
        int revision = notRetractedNotes.merge(noteId, 1, Integer::sum);
        String author = noteAuthors.get(noteId);
        append(new ContactNoteCorrectedEvent(journalId, noteId, revision, "text " + random.nextInt(),
                "reason " + revision, author), Role.PSW, author);
    }

    private void retractNote() {
        UUID noteId = pick(List.copyOf(notRetractedNotes.keySet()));
        notRetractedNotes.remove(noteId);
        boolean byLead = random.nextBoolean();
        String by = byLead ? "lead" : noteAuthors.get(noteId);
        append(new ContactNoteRetractedEvent(journalId, noteId, "wrong patient", by),
                byLead ? Role.TEAM_LEAD : Role.PSW, by);
    }

    private void raiseEscalation() {
        UUID escalationId = UUID.randomUUID();
        EscalationSeverity severity = pick(List.of(EscalationSeverity.values()));
        Instant deadline = clock.plus(Duration.ofMinutes(15 + random.nextInt(600)));
        escalations.put(escalationId, EscalationStatus.OPEN);
        overdue.put(escalationId, false);
        deadlines.put(escalationId, deadline);
        List<String> told = random.nextBoolean() ? List.of() : List.of("nurse on duty", "Dr. Berg");
        append(new SafetyEscalationRaisedEvent(journalId, escalationId, teamId,
                pick(List.of(EscalationCategory.values())), severity, "concern " + random.nextInt(), random.nextBoolean(), told, PSW, deadline,
                "deadline-" + escalationId), Role.PSW, PSW);
    }

    private boolean mayGoOverdue(UUID escalationId) {
        return escalations.get(escalationId) == EscalationStatus.OPEN && !overdue.get(escalationId);
    }

    private void goOverdue() {
        UUID escalationId = pick(escalations.keySet().stream().filter(this::mayGoOverdue).toList());
        overdue.put(escalationId, true);
        append(new SafetyEscalationOverdueEvent(journalId, escalationId, teamId, EscalationSeverity.URGENT,
                deadlines.get(escalationId)), Role.SYSTEM, Actor.SYSTEM_USER_ID);
    }

    private void acknowledge() {
        UUID escalationId = withStatus(EscalationStatus.OPEN);
        escalations.put(escalationId, EscalationStatus.ACKNOWLEDGED);
        append(new SafetyEscalationAcknowledgedEvent(journalId, escalationId, teamId, EscalationSeverity.URGENT,
                "clinician", "called the patient", overdue.get(escalationId)), Role.CLINICIAN, "clinician");
    }

    private void resolveEscalation() {
        UUID escalationId = withStatus(EscalationStatus.ACKNOWLEDGED);
        escalations.put(escalationId, EscalationStatus.RESOLVED);
        append(new SafetyEscalationResolvedEvent(journalId, escalationId, teamId, EscalationSeverity.URGENT, "lead",
                "safety plan agreed"), Role.TEAM_LEAD, "lead");
    }

    private void flagConflict() {
        UUID conflictId = UUID.randomUUID();
        openConflicts.add(conflictId);
        append(new LoyaltyConflictFlaggedEvent(journalId, conflictId, teamId, pick(List.of(ConflictKind.values())),
                "conflict", "patient view", "staff view", random.nextBoolean(), PSW), Role.PSW, PSW);
    }

    private void discussConflict() {
        UUID conflictId = pick(openConflicts);
        append(new LoyaltyConflictDiscussedEvent(journalId, conflictId, UUID.randomUUID(), teamId,
                pick(List.of(DiscussionForum.values())), "talked " + random.nextInt(), "clinician"),
                Role.CLINICIAN, "clinician");
    }

    private void resolveConflict() {
        UUID conflictId = pick(openConflicts);
        openConflicts.remove(conflictId);
        append(new LoyaltyConflictResolvedEvent(journalId, conflictId, teamId, "agreed", "lead"), Role.TEAM_LEAD,
                "lead");
    }

    private UUID withStatus(EscalationStatus status) {
        return pick(escalations.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey)
                .toList());
    }

    private Instant lastOccurredAt() {
        return events.stream().map(DomainEventMessage::getPayload).filter(ContactNoteRecordedEvent.class::isInstance)
                .map(event -> ((ContactNoteRecordedEvent) event).occurredAt()).reduce((first, last) -> last)
                .orElse(clock.minus(Duration.ofHours(1)));
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private void append(Object payload, Role role, String userId) {
        clock = clock.plusMillis(1 + random.nextInt(120_000));
        events.add(new GenericDomainEventMessage<>("Journal", journalId.toString(), events.size(), payload,
                ActorMetaData.of(new Actor(userId, role, teamId)), UUID.randomUUID().toString(), clock));
    }
}
