package org.peerjournal.query.escalation;

import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.Test;
import org.peerjournal.query.projection.ProjectionTest;
import org.peerjournal.shared.escalation.EscalationCategory;
import org.peerjournal.shared.escalation.EscalationChange;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.EscalationView;
import org.peerjournal.shared.escalation.FindEscalationQueuePageQuery;
import org.peerjournal.shared.escalation.SafetyEscalationAcknowledgedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationOverdueEvent;
import org.peerjournal.shared.escalation.SafetyEscalationRaisedEvent;
import org.peerjournal.shared.escalation.SafetyEscalationResolvedEvent;
import org.peerjournal.shared.paging.PageRequest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationQueueProjectionTest extends ProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Autowired
    private EscalationQueueProjection queue;

    @Test
    void overdueEscalationsComeFirstThenByDeadlineAndEachStatusHasItsQueue() {
        UUID later = raise("north", T0.plusSeconds(7200), ReplayStatus.REGULAR);
        UUID sooner = raise("north", T0.plusSeconds(3600), ReplayStatus.REGULAR);
        UUID overdue = raise("north", T0.plusSeconds(9000), ReplayStatus.REGULAR);
        raise("south", T0.plusSeconds(60), ReplayStatus.REGULAR);
        handle(() -> queue.on(new SafetyEscalationOverdueEvent(UUID.randomUUID(), overdue, "north",
                EscalationSeverity.URGENT, T0.plusSeconds(9000)), T0.plusSeconds(9001), ReplayStatus.REGULAR));
        handle(() -> queue.on(new SafetyEscalationAcknowledgedEvent(UUID.randomUUID(), later, "north",
                EscalationSeverity.URGENT, "carl", "called", false), T0.plusSeconds(100), ReplayStatus.REGULAR));

        assertThat(page("north", null)).extracting(EscalationView::escalationId)
                .containsExactly(overdue, sooner, later);
        assertThat(page("north", EscalationStatus.OPEN)).extracting(EscalationView::escalationId)
                .containsExactly(overdue, sooner);

        handle(() -> queue.on(new SafetyEscalationResolvedEvent(UUID.randomUUID(), later, "north",
                EscalationSeverity.URGENT, "carl", "safe"), T0.plusSeconds(200), ReplayStatus.REGULAR));
        assertThat(page("north", EscalationStatus.RESOLVED)).singleElement()
                .extracting(EscalationView::resolvedBy, EscalationView::notificationState)
                .containsExactly("carl", "NONE");
    }

    @Test
    void announcesEachChangeToTheLiveStreamsButNotDuringAReplay() {
        UUID escalation = raise("north", T0.plusSeconds(3600), ReplayStatus.REGULAR);
        handle(() -> queue.on(new SafetyEscalationAcknowledgedEvent(UUID.randomUUID(), escalation, "north",
                EscalationSeverity.URGENT, "carl", "called", false), T0.plusSeconds(100), ReplayStatus.REGULAR));
        raise("north", T0.plusSeconds(3600), ReplayStatus.REPLAY);

        assertThat(published.all()).extracting(EscalationView::escalationId, EscalationView::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(escalation, EscalationChange.RAISED),
                        org.assertj.core.groups.Tuple.tuple(escalation, EscalationChange.ACKNOWLEDGED));
    }

    @Test
    void aReplayEmptiesTheQueue() {
        raise("north", T0.plusSeconds(3600), ReplayStatus.REGULAR);

        resetForReplay(queue);

        assertThat(page("north", null)).isEmpty();
    }

    private UUID raise(String team, Instant acknowledgeBy, ReplayStatus replay) {
        UUID escalation = UUID.randomUUID();
        handle(() -> queue.on(new SafetyEscalationRaisedEvent(UUID.randomUUID(), escalation, team,
                EscalationCategory.SUICIDE_RISK, EscalationSeverity.URGENT, "said so", true, List.of(), "anna",
                acknowledgeBy, "d-" + escalation), T0, replay));
        return escalation;
    }

    private List<EscalationView> page(String team, EscalationStatus status) {
        return query(() -> queue.handle(new FindEscalationQueuePageQuery(team, status, new PageRequest(0, 50))))
                .items();
    }
}
