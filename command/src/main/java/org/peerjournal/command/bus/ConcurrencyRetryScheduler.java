package org.peerjournal.command.bus;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command that lost a race it can win a moment later:
 * <ul>
 *   <li>an optimistic-concurrency conflict: two nodes appended to one journal at the same sequence number and the
 *   database's unique key let only one win; the loser reloads the journal and tries again;</li>
 *   <li>an acknowledgement whose deadline is being executed at that very moment: cancelling a running deadline
 *   fails until its execution has finished (milliseconds), after which the retry finds nothing left to cancel.</li>
 * </ul>
 * Nothing else is retried: a rule that refused the command would refuse it again.
 */
class ConcurrencyRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long baseDelayMillis;

    ConcurrencyRetryScheduler(ScheduledExecutorService executor, int maxRetries, long baseDelayMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.baseDelayMillis = baseDelayMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!transientRace(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        // A little jitter so two losers of the same race do not collide again.
        long delay = baseDelayMillis * failures.size() + ThreadLocalRandom.current().nextLong(baseDelayMillis + 1);
        executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean transientRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // db-scheduler's exception is matched by name: the command side does not depend on the scheduler.
            if (cause instanceof ConcurrencyException
                    || cause.getClass().getSimpleName().equals("TaskInstanceCurrentlyExecutingException")) {
                return true;
            }
        }
        return false;
    }
}
