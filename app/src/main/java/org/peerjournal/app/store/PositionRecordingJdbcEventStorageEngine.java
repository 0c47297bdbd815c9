package org.peerjournal.app.store;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.peerjournal.app.integrity.ReportsStoredEvents;
import org.peerjournal.app.integrity.Sha256;
import org.peerjournal.app.integrity.StoredEvent;
import org.peerjournal.query.consistency.LocalWrites;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Axon's JDBC storage engine on the application's event tables (their names are the ones the migrations give them),
 * appending with the global index each row was given, reading past gaps with a query the database answers from a
 * range of its index, and telling {@link LocalWrites} the position of every journal event once its transaction has
 * committed, so a read on this node can wait for the projections to reach it. Events that are not a journal's (the
 * access log's read events) are not recorded: nobody reads them back as their own write.
 *
 * <p>JDBC rather than Axon's JPA engine: the same rows, without Hibernate creating, flushing and reading entities for
 * every event (in a profile under load the JPA engine's append was 18 % of the request threads' samples, Hibernate's
 * part of it 10 %; docs/benchmarks.md, "Write throughput over HTTP", session 16). Its connection is the one of the
 * command's transaction, so the events commit with everything else.
 *
 * <p>The global index is the column's default, the event table's own sequence one value at a time (migration V29),
 * so tracking processors see no gaps but those of transactions not yet committed or rolled back. Each row's value
 * comes back from the insert itself ({@code getGeneratedKeys}): exact, and no query.
 *
 * <p>While a token has gaps (with concurrent writers, nearly always) Axon asks for the rows past the token within
 * one batch, {@code OR} those at the gaps. H2 cannot use the primary key for that {@code OR} and walks the event
 * table from its first row; bounded below by the oldest gap and above by the batch's end, the same rows come from a
 * range of the index.
 *
 * <p>It also reports the rows it stored for the hash chain ({@link ReportsStoredEvents}), from the values it
 * inserted, so the chain costs the append no query to read them back.
 */
class PositionRecordingJdbcEventStorageEngine extends JdbcEventStorageEngine implements ReportsStoredEvents {

    /** Axon's event tables as the migrations name them (Axon's JDBC defaults are camel case). */
    static final EventSchema EVENT_TABLES = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    private static final String INSERT = "insert into " + EVENT_TABLES.domainEventTable() + " ("
            + EVENT_TABLES.domainEventFields() + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final TransactionManager transactionManager;
    private final LocalWrites localWrites;

    PositionRecordingJdbcEventStorageEngine(Builder builder, TransactionManager transactionManager,
            LocalWrites localWrites) {
        super(builder.schema(EVENT_TABLES).transactionManager(transactionManager).dataType(byte[].class));
        this.transactionManager = transactionManager;
        this.localWrites = localWrites;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        appendAndRecord(events, serializer);
    }

    @Override
    public List<StoredEvent> appendReportingRows(List<? extends EventMessage<?>> events) {
        return appendAndRecord(events, getEventSerializer());
    }

    /** Stores the events in one batch, records their positions, and answers the rows as stored. */
    private List<StoredEvent> appendAndRecord(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<StoredEvent> rows = transactionManager.fetchInTransaction(() -> insert(events, serializer));
        if (rows.stream().anyMatch(PositionRecordingJdbcEventStorageEngine::isJournalEvent)) {
            recordAfterCommit(() -> recordJournalEvents(rows, events));
        }
        return rows;
    }

    /** An aggregate's event; the others (the access log's read events) are nobody's write to read back. */
    private static boolean isJournalEvent(StoredEvent row) {
        return row.aggregateType() != null;
    }

    private void recordJournalEvents(List<StoredEvent> rows, List<? extends EventMessage<?>> events) {
        for (int i = 0; i < rows.size(); i++) {
            StoredEvent row = rows.get(i);
            if (isJournalEvent(row)) {
                localWrites.committed(row.globalIndex(), row.aggregateIdentifier(), events.get(i).getPayloadType());
            }
        }
    }

    private List<StoredEvent> insert(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<StoredEvent> rows = new ArrayList<>(events.size());
        try (Connection connection = getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT,
                        new String[]{EVENT_TABLES.globalIndexColumn()})) {
            List<Row> inserted = new ArrayList<>(events.size());
            for (EventMessage<?> event : events) {
                Row row = Row.of(event, serializer);
                row.bind(statement);
                statement.addBatch();
                inserted.add(row);
            }
            statement.executeBatch();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                for (Row row : inserted) {
                    if (!keys.next()) {
                        throw new IllegalStateException("The database gave " + rows.size() + " global indexes for "
                                + events.size() + " events");
                    }
                    rows.add(row.stored(keys.getLong(1)));
                }
            }
        } catch (SQLException e) {
            handlePersistenceException(e, events.get(0));
            throw new IllegalStateException("Could not append the events", e);
        }
        return rows;
    }

    /**
     * One event as its row holds it. An event that is not an aggregate's is stored as Axon's engines store it:
     * aggregate type null, its own identifier as the aggregate's, sequence 0. The time stamp is Axon's text of the
     * event's instant ({@link DateTimeUtils#formatInstant}), which is what the row stores and the chain hashes.
     */
    private record Row(DomainEventMessage<?> event, String timeStamp, SerializedObject<byte[]> payload,
            SerializedObject<byte[]> metaData) {

        static Row of(EventMessage<?> message, Serializer serializer) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domainEvent ? domainEvent
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message,
                            message::getTimestamp);
            return new Row(event, DateTimeUtils.formatInstant(event.getTimestamp()),
                    event.serializePayload(serializer, byte[].class),
                    event.serializeMetaData(serializer, byte[].class));
        }

        void bind(PreparedStatement statement) throws SQLException {
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            statement.setString(5, timeStamp);
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setBytes(8, payload.getData());
            statement.setBytes(9, metaData.getData());
        }

        StoredEvent stored(long globalIndex) {
            return new StoredEvent(globalIndex, event.getIdentifier(), event.getAggregateIdentifier(),
                    event.getSequenceNumber(), event.getType(), timeStamp, payload.getType().getName(),
                    payload.getType().getRevision(), Sha256.of(payload.getData()), Sha256.of(metaData.getData()));
        }
    }

    @Override
    protected PreparedStatement readEventDataWithGaps(Connection connection, long globalIndex, int batchSize,
            List<Long> gaps) throws SQLException {
        String globalIndexColumn = EVENT_TABLES.globalIndexColumn();
        String sql = "select " + trackedEventFields() + " from " + EVENT_TABLES.domainEventTable()
                + " where " + globalIndexColumn + " between ? and ?"
                + " and (" + globalIndexColumn + " > ? or " + globalIndexColumn + " in ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + "))"
                + " order by " + globalIndexColumn;
        PreparedStatement statement = connection.prepareStatement(sql);
        // Axon's own query reads past the token up to one batch, and the gaps (all below the token).
        statement.setLong(1, Collections.min(gaps));
        statement.setLong(2, globalIndex + batchSize);
        statement.setLong(3, globalIndex);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(4 + i, gaps.get(i));
        }
        return statement;
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
