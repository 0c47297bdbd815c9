package org.peerjournal.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hooks the command and event counters into Axon's own monitoring points (docs/operations.md lists every metric). */
@Configuration
class MetricsConfiguration {

    @Bean
    ConfigurerModule messageMetrics(MeterRegistry registry) {
        return configurer -> configurer
                .configureMessageMonitor(CommandBus.class, config -> new CommandMetrics(registry))
                .configureMessageMonitor(EventStore.class, config -> new StoredEventMetrics(registry));
    }
}
