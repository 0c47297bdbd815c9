package org.peerjournal.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.monitoring.MessageMonitor;
import org.peerjournal.shared.error.ActionNotPermittedException;
import org.peerjournal.shared.error.EntryNotFoundException;
import org.peerjournal.shared.error.InvalidFieldException;
import org.peerjournal.shared.error.JournalNotFoundException;
import org.peerjournal.shared.error.StateConflictException;

import java.util.List;

/**
 * {@code peerjournal.commands}: a timer per command type and outcome, from the command bus's own monitor hook, so
 * the time includes storing the events (the commit) and a conflict found only then counts as one. Outcomes:
 * {@code success}; {@code rejected}, a rule of the journal refused it (the client's doing); {@code conflict}, a
 * concurrent write won (retried); {@code error}, anything else, which is what to alert on.
 */
final class CommandMetrics implements MessageMonitor<Message<?>> {

    static final String NAME = "peerjournal.commands";

    private static final List<Class<? extends Throwable>> REJECTIONS = List.of(StateConflictException.class,
            ActionNotPermittedException.class, InvalidFieldException.class, EntryNotFoundException.class,
            JournalNotFoundException.class, AggregateNotFoundException.class);

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> command) {
        String type = command.getPayloadType().getSimpleName();
        Timer.Sample sample = Timer.start(registry);
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                stop("success");
            }

            @Override
            public void reportFailure(Throwable cause) {
                stop(outcome(cause));
            }

            @Override
            public void reportIgnored() {
                stop("ignored");
            }

            private void stop(String outcome) {
                sample.stop(Timer.builder(NAME).description("Commands handled, by type and outcome")
                        .tag("command", type).tag("outcome", outcome).register(registry));
            }
        };
    }

    static String outcome(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return "conflict";
            }
            Throwable current = cause;
            if (REJECTIONS.stream().anyMatch(type -> type.isInstance(current))) {
                return "rejected";
            }
        }
        return "error";
    }
}
