package org.peerjournal.query.audit;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.audit.JournalsShownEvent.Shown;
import org.springframework.context.annotation.Primary;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * The access log with a switch, for benchmarks only: the same HTTP answers are timed with their access log and
 * without it in one application, so the ratio is what logging adds to the answer a user waits for. The application
 * itself has no way to skip the log; this class exists only in the benchmark source set. The application's own
 * {@code AccessLog} bean is still there, unused: this one is primary, so every controller gets it.
 */
@Primary
public class SwitchableAccessLog extends AccessLog {

    private volatile boolean off;

    SwitchableAccessLog(EventStore eventStore) {
        super(eventStore);
    }

    /** Runs the read with nothing logged; one reader at a time (the benchmark's reads are back to back). */
    public <T> T withoutLog(Supplier<T> read) {
        off = true;
        try {
            return read.get();
        } finally {
            off = false;
        }
    }

    @Override
    public void record(Actor reader, AccessAction action, Collection<Shown> shown) {
        if (!off) {
            super.record(reader, action, shown);
        }
    }
}
