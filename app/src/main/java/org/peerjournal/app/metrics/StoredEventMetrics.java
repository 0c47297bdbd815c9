package org.peerjournal.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * {@code peerjournal.events.stored}: events this node stored, by type, counted when their transaction committed
 * (the event store reports success only then). Reads logged are the {@code JournalContentReadEvent}s among them.
 */
final class StoredEventMetrics implements MessageMonitor<Message<?>> {

    static final String NAME = "peerjournal.events.stored";

    private final MeterRegistry registry;

    StoredEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> event) {
        String type = event.getPayloadType().getSimpleName();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                Counter.builder(NAME).description("Events stored by this node, by type").tag("type", type)
                        .register(registry).increment();
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
}
