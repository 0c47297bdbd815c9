package org.peerjournal.query.escalation;

import org.peerjournal.shared.escalation.EscalationStatus;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.UUID;

interface EscalationQueueRepository extends JpaRepository<EscalationQueueRecord, UUID> {

    /** Overdue first, then the nearest deadline first. */
    @Query("select e from EscalationQueueRecord e where e.teamId = :teamId"
            + " and (:status is null or e.status = :status)"
            + " order by e.overdue desc, e.steps.acknowledgeBy asc, e.raisedAt asc, e.escalationId asc")
    Slice<EscalationQueueRecord> queueOf(String teamId, EscalationStatus status, Pageable page);
}
