package org.peerjournal.query.operations;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerjournal.query.projection.ProjectionTest;
import org.peerjournal.shared.journal.event.JournalOpenedEvent;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation against a real store: events in Axon's event table, a processor's token in its token table,
 * rows in a read model, counted in one snapshot.
 */
class ReconcilerTest extends ProjectionTest {

    /**
     * Axon's tables belong to the application: its migration V1, read from the app module's folder and kept in a
     * history of its own so it does not mix with the query module's.
     */
    private static final String AXON_TABLES = "filesystem:../app/src/main/resources/db/migration/h2";

    @Autowired
    private Reconciler reconciler;
    @Autowired
    private ProcessedEvents processedEvents;
    @Autowired
    private Serializer serializer;
    @Autowired
    private DataSource dataSource;

    @BeforeEach
    void axonTablesEmpty() {
        Flyway.configure().dataSource(dataSource).locations(AXON_TABLES).target("1").table("axon_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        jdbc.update("delete from domain_event_entry");
        jdbc.update("delete from token_entry");
    }

    @Test
    void aProjectionThatHoldsARowForEveryEventItProcessedIsConsistent() {
        UUID first = storeJournalOpened(1);
        UUID second = storeJournalOpened(2);
        token("journal-directory", GapAwareTrackingToken.newInstance(2, List.of()));
        directoryRow(first);
        directoryRow(second);

        Reconciliation reconciliation = reconciler.reconcile();

        assertThat(reconciliation.consistent()).isTrue();
        assertThat(journalOpened(reconciliation).projections())
                .filteredOn(count -> count.projection().equals("journal-directory")).singleElement()
                .extracting(Reconciliation.ProjectionCount::processed, Reconciliation.ProjectionCount::projected)
                .containsExactly(2L, 2L);
    }

    @Test
    void aProjectionMerelyBehindOrWaitingForAGapIsConsistent() {
        UUID first = storeJournalOpened(1);
        storeJournalOpened(2);
        UUID third = storeJournalOpened(3);
        directoryRow(first);
        directoryRow(third);
        // Up to 3, but 2 (a transaction not yet committed when it passed) still awaited.
        token("journal-directory", GapAwareTrackingToken.newInstance(3, List.of(2L)));

        assertThat(reconciler.reconcile().consistent()).isTrue();
    }

    @Test
    void aLostRowIsADifferenceNamedByEventTypeProjectionAndMeasure() {
        UUID first = storeJournalOpened(1);
        storeJournalOpened(2);
        token("journal-directory", GapAwareTrackingToken.newInstance(2, List.of()));
        directoryRow(first);

        Reconciliation reconciliation = reconciler.reconcile();

        assertThat(reconciliation.consistent()).isFalse();
        Reconciliation.EventTypeCheck check = journalOpened(reconciliation);
        assertThat(check.stored()).isEqualTo(2);
        assertThat(check.consistent()).isFalse();
        assertThat(check.projections()).filteredOn(count -> !count.consistent()).singleElement()
                .extracting(Reconciliation.ProjectionCount::projection, Reconciliation.ProjectionCount::measure,
                        Reconciliation.ProjectionCount::processed, Reconciliation.ProjectionCount::projected)
                .containsExactly("journal-directory", "journal_directory", 2L, 1L);
    }

    /**
     * What an access extract waits for ({@code Projections.handledEverythingUpTo}): a gap in a token holds the
     * projection back only once an event is stored in it (a transaction that committed after a later one); a gap that
     * stays empty (a write that rolled back) does not.
     */
    @Test
    void everythingIsHandledUpToAPositionUnlessAnEventIsStoredInAGapBelowIt() {
        storeJournalOpened(1);
        storeJournalOpened(3);
        token("journal-directory", GapAwareTrackingToken.newInstance(3, List.of(2L)));
        ProcessedEvents.Tokens tokens = processedEvents.tokens(jdbc, "journal-directory");

        assertThat(processedEvents.handledUpTo(tokens, Map.of(), 3)).as("an empty gap holds nothing up").isTrue();
        assertThat(processedEvents.handledUpTo(tokens, Map.of(), 4)).as("not at 4 yet").isFalse();
        storeJournalOpened(2);
        assertThat(processedEvents.handledUpTo(tokens, Map.of(), 3)).as("an event stored in the gap").isFalse();
        assertThat(processedEvents.handledUpTo(tokens, Map.of(), 1)).as("the gap is above 1").isTrue();
    }

    private static Reconciliation.EventTypeCheck journalOpened(Reconciliation reconciliation) {
        return reconciliation.eventTypes().stream()
                .filter(check -> check.eventType().equals(JournalOpenedEvent.class.getSimpleName()))
                .findFirst().orElseThrow();
    }

    private UUID storeJournalOpened(long globalIndex) {
        UUID journal = UUID.randomUUID();
        jdbc.update("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload)"
                        + " values (?, ?, ?, 0, 'Journal', ?, ?, ?)",
                globalIndex, UUID.randomUUID().toString(), journal.toString(), Instant.now().toString(),
                JournalOpenedEvent.class.getName(), "{}".getBytes());
        return journal;
    }

    private void token(String processor, GapAwareTrackingToken token) {
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        jdbc.update("insert into token_entry (processor_name, segment, timestamp, token_type, token)"
                        + " values (?, 0, ?, ?, ?)", processor, Instant.now().toString(),
                serialized.getType().getName(), serialized.getData());
    }

    private void directoryRow(UUID journal) {
        jdbc.update("insert into journal_directory (journal_id, team_id, patient_ref, display_name, opened_at,"
                        + " open_escalations, overdue_escalations, open_loyalty_conflicts)"
                        + " values (?, 'north', ?, 'Berit', ?, 0, 0, 0)", journal, "P-" + journal,
                Timestamp.from(Instant.now()));
    }
}
