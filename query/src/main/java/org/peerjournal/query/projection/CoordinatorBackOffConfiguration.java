package org.peerjournal.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Every pooled processor's coordinator runs on a {@link CoordinatorBackOff}. */
@Configuration
class CoordinatorBackOffConfiguration {

    @Bean
    ConfigurerModule coordinatorsWaitLessOnAFullBuffer(
            @Value("${peerjournal.projections.full-buffer-wait:PT0.02S}") Duration fullBufferWait) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (config, builder) -> builder.coordinatorExecutor(name -> {
                    CoordinatorBackOff executor = new CoordinatorBackOff(name, fullBufferWait);
                    config.onShutdown(executor::shutdown);
                    return executor;
                }));
    }
}
