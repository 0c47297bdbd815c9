package org.peerjournal.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.peerjournal.query.audit.AccessAction;
import org.peerjournal.shared.audit.JournalsShownEvent;

/**
 * {@code peerjournal.events.stored}: events this node stored, by type, counted when their transaction committed
 * (the event store reports success only then); and {@code peerjournal.reads.logged}: the journals shown to readers
 * that were logged (one {@link JournalsShownEvent} records every journal of one answer). A backup of the store is logged
 * for every journal too, but shows none to a reader: it is not counted there.
 */
final class StoredEventMetrics implements MessageMonitor<Message<?>> {

    static final String NAME = "peerjournal.events.stored";
    static final String READS = "peerjournal.reads.logged";

    private final MeterRegistry registry;

    StoredEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> event) {
        String type = event.getPayloadType().getSimpleName();
        int journalsShown = event.getPayload() instanceof JournalsShownEvent shown && !isBackup(shown)
                ? shown.journals().size() : 0;
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                Counter.builder(NAME).description("Events stored by this node, by type").tag("type", type)
                        .register(registry).increment();
                if (journalsShown > 0) {
                    Counter.builder(READS).description("Journals shown to readers, each logged in the access log")
                            .register(registry).increment(journalsShown);
                }
            }

            @Override
            public void reportFailure(Throwable cause) {
                // not stored: nothing to count
            }

            @Override
            public void reportIgnored() {
                // not stored: nothing to count
            }
        };
    }

    private static boolean isBackup(JournalsShownEvent logged) {
        return AccessAction.STORE_BACKUP.wireName().equals(logged.action());
    }
}
