package org.peerjournal.app.integrity;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.peerjournal.app.integrity.CommittedJournalHeads.ChainHead;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whatever engine stores the events (one that reports the rows it stored), this writes their hash chain entries
 * in the same transaction, right after the engine has stored them: the append and its chain commit together or not
 * at all. Everything else is the engine's own; snapshots are a cache and stay outside the chain.
 */
public class ChainingEventStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final ReportsStoredEvents storing;
    private final DataSource dataSource;
    private final TransactionManager transactionManager;
    private final CommittedJournalHeads committedHeads = new CommittedJournalHeads();

    public <E extends EventStorageEngine & ReportsStoredEvents> ChainingEventStorageEngine(E delegate,
            DataSource dataSource, TransactionManager transactionManager) {
        this.delegate = delegate;
        this.storing = delegate;
        this.dataSource = dataSource;
        this.transactionManager = transactionManager;
    }

    /** The engine without chaining: only for the benchmark that measures what chaining costs. */
    public EventStorageEngine unchained() {
        return delegate;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        // Joins the unit of work's transaction when there is one (commands), else opens one (a read's log entry).
        transactionManager.executeInTransaction(() -> {
            List<StoredEvent> rows = storing.appendReportingRows(events);
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                List<ChainHead> heads = EventChainer.chain(connection, events, rows, committedHeads);
                afterCommit(() -> committedHeads.committed(heads));
            } catch (SQLException e) {
                throw new IllegalStateException("Could not chain the events just stored", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    /** Runs once the current transaction has committed; never when it rolls back (or when there is none to wait for). */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
