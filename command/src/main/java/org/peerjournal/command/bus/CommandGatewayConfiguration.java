package org.peerjournal.command.bus;

import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The command gateway, with optimistic-concurrency conflicts retried (several nodes, one journal). */
@Configuration
class CommandGatewayConfiguration {

    /**
     * The retries' own thread, deliberately not a bean: Spring takes a {@link ScheduledExecutorService} bean as the
     * scheduler of every {@code @Scheduled} job (webhook deliveries, segment balancing) and Boot then creates none,
     * so those jobs would run on this one thread and hold up retried commands.
     */
    private final ScheduledExecutorService retryThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "command-retry");
        thread.setDaemon(true);
        return thread;
    });

    @Bean
    CommandGateway commandGateway(CommandBus commandBus,
            @Value("${peerjournal.commands.max-concurrency-retries:8}") int maxRetries,
            @Value("${peerjournal.commands.retry-delay-ms:20}") long retryDelayMillis) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyRetryScheduler(retryThread, maxRetries, retryDelayMillis))
                .build();
    }

    @PreDestroy
    void stopRetries() {
        retryThread.shutdownNow();
    }
}
