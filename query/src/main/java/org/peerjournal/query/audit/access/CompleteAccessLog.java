package org.peerjournal.query.audit.access;

import org.peerjournal.query.audit.AccessLogProjection;
import org.peerjournal.query.consistency.Polling;
import org.peerjournal.query.directory.JournalDirectory;
import org.peerjournal.query.operations.ProjectionStatus;
import org.peerjournal.query.operations.Projections;
import org.peerjournal.shared.error.ReadModelBehindException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A patient's access extract and the access review must hold every access made before they were asked for: an
 * extract that silently lacks accesses tells the patient less than the truth, and an incomplete review misses
 * findings. Both are built from read models (the access log; the extract finds the patient's journals in the journal
 * directory), which can be behind the event store: catching up after a start, rebuilding after a replay, stopped on
 * a failed event. So before either is made, both read models must have handled every event stored when it was
 * asked for, on every segment and whichever node holds it ({@link Projections#handledEverythingUpTo}: a stored event
 * the processor skipped past, as when its transaction committed after a later one, is waited for too). They are
 * waited for at most {@code peerjournal.access-log.complete-wait}, and otherwise the answer is refused
 * ({@link ReadModelBehindException}, 503) rather than given incomplete.
 */
@Component
public class CompleteAccessLog {

    static final List<String> READ_MODELS = List.of(AccessLogProjection.NAME, JournalDirectory.PROCESSING_GROUP);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Projections projections;
    private final Duration maxWait;

    CompleteAccessLog(Projections projections, @Value("${peerjournal.access-log.complete-wait}") Duration maxWait) {
        this.projections = projections;
        this.maxWait = maxWait;
    }

    /** Returns once both read models hold every event stored now, or throws once the wait is over. */
    public void awaitEverythingStored() {
        long head = projections.head();
        long deadline = System.nanoTime() + maxWait.toNanos();
        for (String readModel : READ_MODELS) {
            if (!Polling.until(() -> projections.handledEverythingUpTo(readModel, head), deadline, POLL_NANOS)) {
                ProjectionStatus status = projections.status(readModel);
                throw new ReadModelBehindException("The access log is not complete yet: " + readModel + " has not"
                        + " handled every event stored up to " + head + " (at " + status.position() + ", "
                        + status.state() + "). Ask again once it has caught up.");
            }
        }
    }
}
