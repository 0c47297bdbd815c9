package org.peerjournal.query.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores the access-log events of answers given at the same time in one transaction (a group commit): while one
 * caller's transaction runs, the events of the callers arriving meanwhile wait in a queue, and the first of them to
 * find the store free writes them all. Each caller returns only once its own event is stored, and gets the store's
 * failure if its group could not be stored. A caller alone writes at once. On H2 every commit is a write to the
 * file under the store's lock, so concurrent readers each committing their own entry queued behind one another.
 */
final class GroupCommit {

    private final EventStore eventStore;
    private List<Pending> queued = new ArrayList<>();
    private boolean writing;

    GroupCommit(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Returns once the event is stored; throws what the store threw if it could not be. */
    void store(EventMessage<?> event) {
        if (CurrentUnitOfWork.isStarted()) {
            // Inside a unit of work the event is stored with its transaction; others' events must not join it.
            eventStore.publish(event);
            return;
        }
        Pending mine = new Pending(event);
        synchronized (this) {
            queued.add(mine);
        }
        while (true) {
            List<Pending> group;
            synchronized (this) {
                while (writing && !mine.done) {
                    waitForTheWriter();
                }
                if (mine.done) {
                    break;
                }
                writing = true;
                group = queued;
                queued = new ArrayList<>();
            }
            // Failed unless the store says otherwise, so that even an Error leaves no caller waiting for ever.
            RuntimeException failure = new IllegalStateException("The access log could not be stored");
            try {
                eventStore.publish(group.stream().<EventMessage<?>>map(Pending::event).toList());
                failure = null;
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                finish(group, failure);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** How many callers' events wait for the transaction in progress to end. */
    synchronized int waiting() {
        return queued.size();
    }

    private synchronized void finish(List<Pending> group, RuntimeException failure) {
        for (Pending pending : group) {
            pending.finish(failure);
        }
        writing = false;
        notifyAll();
    }

    private void waitForTheWriter() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the access log was being stored", e);
        }
    }

    /** One caller's event; guarded by the enclosing GroupCommit. */
    private static final class Pending {

        private final EventMessage<?> event;
        private boolean done;
        private RuntimeException failure;

        Pending(EventMessage<?> event) {
            this.event = event;
        }

        EventMessage<?> event() {
            return event;
        }

        void finish(RuntimeException failure) {
            this.done = true;
            this.failure = failure;
        }
    }
}
