package org.peerjournal.app.store;

import jakarta.persistence.PersistenceUnitUtil;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.peerjournal.query.consistency.LocalWrites;

import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JPA storage engine, reading past gaps with a query the database can answer from its index, and telling {@link LocalWrites} the global position of every journal event once its
 * transaction has committed, so a read on this node can wait for the projections to reach it. The position is the
 * one the sequence gave the row when it was persisted: exact, and free (no query). Events that are not a journal's
 * (the access log's read events) are not recorded: nobody reads them back as their own write.
 *
 * <p>While a token has gaps (positions taken by transactions not yet committed: with concurrent writers, nearly
 * always), Axon asks for {@code globalIndex > :token OR globalIndex IN :gaps}. H2 cannot use the primary key for
 * that {@code OR}: it walks the event table from its first row on every fetch, so each fetch (one after every commit)
 * cost more the longer the store (docs/benchmarks.md, "Write throughput over HTTP"). The same condition with a lower
 * bound, the oldest gap, returns the same rows from a range of the index.
 */
class PositionRecordingJpaEventStorageEngine extends JpaEventStorageEngine {

    private final ThreadLocal<List<Object>> appending = new ThreadLocal<>();
    private final LocalWrites localWrites;

    PositionRecordingJpaEventStorageEngine(Builder builder, LocalWrites localWrites) {
        super(builder);
        this.localWrites = localWrites;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<Object> entries = new ArrayList<>(events.size());
        appending.set(entries);
        try {
            super.appendEvents(events, serializer);
        } finally {
            appending.remove();
        }
        if (!entries.isEmpty()) {
            // The entry has no getter for its global index; JPA gives the identifier the sequence assigned.
            PersistenceUnitUtil ids = entityManager().getEntityManagerFactory().getPersistenceUnitUtil();
            entries.stream().mapToLong(entry -> (Long) ids.getIdentifier(entry)).max()
                    .ifPresent(this::recordAfterCommit);
        }
    }

    @Override
    protected Object createEventEntity(EventMessage<?> eventMessage, Serializer serializer) {
        Object entity = super.createEventEntity(eventMessage, serializer);
        List<Object> entries = appending.get();
        if (entries != null && eventMessage instanceof DomainEventMessage<?>) {
            entries.add(entity);
        }
        return entity;
    }

    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return super.fetchEvents(token);
        }
        return entityManager().createQuery(
                        "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, "
                                + "e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData "
                                + "FROM " + domainEventEntryEntityName() + " e "
                                + "WHERE e.globalIndex >= :oldestGap "
                                + "AND (e.globalIndex > :token OR e.globalIndex IN :gaps) "
                                + "ORDER BY e.globalIndex ASC", Object[].class)
                .setParameter("oldestGap", token.getGaps().first())
                .setParameter("token", token.getIndex())
                .setParameter("gaps", token.getGaps())
                .setMaxResults(batchSize())
                .getResultList();
    }

    /** The last position of the batch stands for all of it: a read that waits for it waits for the others too. */
    private void recordAfterCommit(long position) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> localWrites.committed(position));
        } else {
            localWrites.committed(position);
        }
    }
}
