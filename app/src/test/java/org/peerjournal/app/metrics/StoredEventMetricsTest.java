package org.peerjournal.app.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.peerjournal.query.audit.AccessAction;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.audit.JournalsShownEvent.Shown;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StoredEventMetricsTest {

    private static final List<Shown> TWO_JOURNALS = List.of(new Shown(UUID.randomUUID(), "ward-7"),
            new Shown(UUID.randomUUID(), "ward-7"));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StoredEventMetrics metrics = new StoredEventMetrics(registry);

    @Test
    void journalsShownToAReaderAreCountedAsLoggedReads() {
        stored(new JournalsShownEvent(AccessAction.JOURNAL_LIST.wireName(), TWO_JOURNALS));

        assertThat(registry.get(StoredEventMetrics.READS).counter().count()).isEqualTo(2);
    }

    @Test
    void aBackupIsLoggedForEveryJournalButShowsNoneToAReader() {
        stored(new JournalsShownEvent(AccessAction.STORE_BACKUP.wireName(), TWO_JOURNALS));

        assertThat(registry.find(StoredEventMetrics.READS).counter()).isNull();
        assertThat(registry.get(StoredEventMetrics.NAME).counter().count()).as("the event itself").isEqualTo(1);
    }

    private void stored(JournalsShownEvent event) {
        metrics.onMessageIngested(GenericEventMessage.asEventMessage(event)).reportSuccess();
    }
}
