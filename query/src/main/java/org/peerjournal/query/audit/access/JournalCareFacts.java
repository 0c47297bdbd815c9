package org.peerjournal.query.audit.access;

import org.axonframework.eventhandling.EventMessage;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.conflict.LoyaltyConflictDiscussedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictFlaggedEvent;
import org.peerjournal.shared.conflict.LoyaltyConflictResolvedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRetractedEvent;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the access review needs to know of one journal, folded from its stored events: when contacts took place,
 * and who had a part in the patient's care when. Times are the events' storage times, except a contact's, which is
 * when it took place ({@code occurredAt}).
 */
public final class JournalCareFacts {

    /** A user's part in the care from {@code since} until {@code until} (open: {@code null}). */
    private static final class Part {
        final String userId;
        final Instant since;
        Instant until;

        Part(String userId, Instant since) {
            this.userId = userId;
            this.since = since;
        }

        boolean covers(String user, Instant at) {
            return userId.equals(user) && !at.isBefore(since) && (until == null || at.isBefore(until));
        }
    }

    /** Marks the escalations waiting for a clinician: anyone of the care roles may then read the journal. */
    private static final String ANY_CLINICIAN = "\u0000any-clinician";

    private Instant openedAt;
    private final Map<UUID, Instant> contacts = new HashMap<>();
    private final Set<UUID> retracted = new HashSet<>();
    private final List<Part> parts = new ArrayList<>();
    private final Map<UUID, List<Part>> partsUntilResolved = new HashMap<>();
    private final Map<UUID, Part> awaitingAcknowledgement = new HashMap<>();

    public static JournalCareFacts of(List<? extends EventMessage<?>> events) {
        JournalCareFacts facts = new JournalCareFacts();
        events.forEach(facts::apply);
        return facts;
    }

    private void apply(EventMessage<?> event) {
        Instant at = event.getTimestamp();
        Object payload = event.getPayload();
        if (payload instanceof JournalOpenedEvent) {
            openedAt = at;
        } else if (payload instanceof ContactNoteRecordedEvent e) {
            contacts.put(e.noteId(), e.occurredAt());
            parts.add(new Part(e.authorId(), at));
        } else if (payload instanceof ContactNoteRetractedEvent e) {
            retracted.add(e.noteId());
        } else if (payload instanceof SafetyEscalationRaisedEvent e) {
            partUntilResolved(e.escalationId(), e.raisedBy(), at);
            Part awaiting = partUntilResolved(e.escalationId(), ANY_CLINICIAN, at);
            awaitingAcknowledgement.put(e.escalationId(), awaiting);
        } else if (payload instanceof SafetyEscalationAcknowledgedEvent e) {
            Optional.ofNullable(awaitingAcknowledgement.remove(e.escalationId())).ifPresent(p -> p.until = at);
            partUntilResolved(e.escalationId(), e.acknowledgedBy(), at);
        } else if (payload instanceof SafetyEscalationResolvedEvent e) {
            resolved(e.escalationId(), at);
        } else if (payload instanceof LoyaltyConflictFlaggedEvent e) {
            partUntilResolved(e.conflictId(), e.flaggedBy(), at);
        } else if (payload instanceof LoyaltyConflictDiscussedEvent e) {
            partUntilResolved(e.conflictId(), e.discussedBy(), at);
        } else if (payload instanceof LoyaltyConflictResolvedEvent e) {
            resolved(e.conflictId(), at);
        }
    }

    private Part partUntilResolved(UUID entryId, String userId, Instant at) {
        Part part = new Part(userId, at);
        parts.add(part);
        partsUntilResolved.computeIfAbsent(entryId, id -> new ArrayList<>()).add(part);
        return part;
    }

    private void resolved(UUID entryId, Instant at) {
        partsUntilResolved.getOrDefault(entryId, List.of()).stream().filter(p -> p.until == null)
                .forEach(p -> p.until = at);
    }

    /**
     * Whether the user had a part in the care at that instant: had recorded a note in the journal, or held an
     * escalation or loyalty conflict in it that was still open (raised or acknowledged it; flagged or discussed it),
     * or (as a clinician or team lead) an escalation in it was waiting for acknowledgement.
     */
    boolean hadPartInCare(String userId, Role role, Instant at) {
        boolean clinicalRole = role == Role.CLINICIAN || role == Role.TEAM_LEAD;
        return parts.stream().anyMatch(part -> part.covers(userId, at)
                || clinicalRole && part.covers(ANY_CLINICIAN, at));
    }

    /** Whether no contact (not retracted) took place in the {@code dormancy} before the instant. */
    boolean dormantAt(Instant at, Duration dormancy) {
        Instant since = at.minus(dormancy);
        Optional<Instant> lastContact = contacts.entrySet().stream()
                .filter(contact -> !retracted.contains(contact.getKey()) && !contact.getValue().isAfter(at))
                .map(Map.Entry::getValue).max(Instant::compareTo);
        Instant lastSign = lastContact.orElse(openedAt);
        return lastSign != null && lastSign.isBefore(since);
    }
}
