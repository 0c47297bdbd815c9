package org.peerjournal.app.store;

import jakarta.persistence.PersistenceUnitUtil;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.peerjournal.app.integrity.ReportsStoredEvents;
import org.peerjournal.app.integrity.Sha256;
import org.peerjournal.app.integrity.StoredEvent;
import org.peerjournal.query.consistency.LocalWrites;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JPA storage engine, reading past gaps with a query the database can answer from its index, and telling
 * {@link LocalWrites} the global position of every journal event once its transaction has committed, so a read on
 * this node can wait for the projections to reach it. The position is the one the sequence gave the row when it was
 * persisted: exact, and free (no query). Events that are not a journal's
 * (the access log's read events) are not recorded: nobody reads them back as their own write.
 *
 * <p>While a token has gaps (positions taken by transactions not yet committed: with concurrent writers, nearly
 * always), Axon asks for {@code globalIndex > :token OR globalIndex IN :gaps}. H2 cannot use the primary key for
 * that {@code OR}: it walks the event table from its first row on every fetch, so each fetch (one after every commit)
 * cost more the longer the store (docs/benchmarks.md, "Write throughput over HTTP"). The same condition with a lower
 * bound, the oldest gap, returns the same rows from a range of the index.
 *
 * <p>It also reports the rows it stored for the hash chain ({@link ReportsStoredEvents}): from the very entities
 * it persisted, so the chain costs the append no query to read them back.
 */
class PositionRecordingJpaEventStorageEngine extends JpaEventStorageEngine implements ReportsStoredEvents {

    /** The entities created by the append in progress on this thread (Axon creates and persists them in turn). */
    private final ThreadLocal<List<Object>> appending = new ThreadLocal<>();
    private final LocalWrites localWrites;

    PositionRecordingJpaEventStorageEngine(Builder builder, LocalWrites localWrites) {
        super(builder);
        this.localWrites = localWrites;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        appendAndRecord(events, serializer);
    }

    /** Stores the events as Axon's engine does, records their positions, and answers the entities it persisted. */
    private List<Object> appendAndRecord(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<Object> entries = new ArrayList<>(events.size());
        appending.set(entries);
        try {
            super.appendEvents(events, serializer);
        } finally {
            appending.remove();
        }
        // One entity per event, in order. Axon's JPA engine stores an event that is not an aggregate's with the
        // aggregate type null.
        if (entries.size() != events.size()) {
            throw new IllegalStateException("Axon's engine persisted " + entries.size() + " entities for "
                    + events.size() + " events");
        }
        List<Runnable> records = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DomainEventData<?> entry = (DomainEventData<?>) entries.get(i);
            if (entry.getType() != null) {
                long position = globalIndexOf(entry);
                Class<?> payloadType = events.get(i).getPayloadType();
                records.add(() -> localWrites.committed(position, entry.getAggregateIdentifier(), payloadType));
            }
        }
        if (!records.isEmpty()) {
            recordAfterCommit(() -> records.forEach(Runnable::run));
        }
        return entries;
    }

    /**
     * The rows as the entities persisted them: the same strings, the hashes of the same byte arrays, and the global
     * index the sequence gave each at persist time. The stored time stamp is Axon's text of the event's instant
     * ({@link DateTimeUtils#formatInstant}), which the entity parses back without loss, so formatting its instant
     * again gives the stored text ({@code HashChainIT} verifies every chained row against the row as read).
     */
    @Override
    public List<StoredEvent> appendReportingRows(List<? extends EventMessage<?>> events) {
        // What appendEvents(events) does (Axon's engine appends with its event serializer), keeping the entities.
        return appendAndRecord(events, getEventSerializer()).stream().map(this::storedRow).toList();
    }

    @SuppressWarnings("unchecked")
    private StoredEvent storedRow(Object entity) {
        DomainEventData<byte[]> entry = (DomainEventData<byte[]>) entity;
        SerializedObject<byte[]> payload = entry.getPayload();
        return new StoredEvent(globalIndexOf(entity), entry.getEventIdentifier(), entry.getAggregateIdentifier(),
                entry.getSequenceNumber(), entry.getType(), DateTimeUtils.formatInstant(entry.getTimestamp()),
                payload.getType().getName(), payload.getType().getRevision(), Sha256.of(payload.getData()),
                Sha256.of(entry.getMetaData().getData()));
    }

    /** The entry has no getter for its global index; JPA gives the identifier the sequence assigned. */
    private long globalIndexOf(Object entry) {
        PersistenceUnitUtil ids = entityManager().getEntityManagerFactory().getPersistenceUnitUtil();
        return (Long) ids.getIdentifier(entry);
    }

    @Override
    protected Object createEventEntity(EventMessage<?> eventMessage, Serializer serializer) {
        Object entity = super.createEventEntity(eventMessage, serializer);
        List<Object> entries = appending.get();
        if (entries != null) {
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

    /**
     * Each position with its aggregate and payload type (docs/consistency.md, "Several nodes"), recorded once
     * the transaction that stored it has committed, never before: a position recorded for a write that then rolled
     * back is a gap no projection ever fills, and every read on this node waited its full read wait for it until the
     * projections' tokens dropped the gap (ReadYourWritesIT). Outside a unit of work the append runs in a Spring
     * transaction (the one {@code ChainingEventStorageEngine} opens, or the caller's it joins), whose commit is
     * awaited the same way; only an append with no transaction at all, which the service never makes, is recorded at
     * once.
     */
    private void recordAfterCommit(Runnable record) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> record.run());
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    record.run();
                }
            });
        } else {
            record.run();
        }
    }
}
