package org.peerjournal.command.bus;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerjournal.shared.error.StateConflictException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrencyRetryScheduler scheduler = new ConcurrencyRetryScheduler(executor, 3, 1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aLostConcurrencyRaceIsRetried() throws InterruptedException {
        CountDownLatch retried = new CountDownLatch(1);

        boolean scheduled = scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConcurrencyException("sequence taken"), failures(1), retried::countDown);

        assertThat(scheduled).isTrue();
        assertThat(retried.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRunningDeadlineThatCannotBeCancelledYetIsRetried() {
        RuntimeException busy = new RuntimeException(new TaskInstanceCurrentlyExecutingException());

        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"), busy, failures(1), () -> {
        })).isTrue();
    }

    @Test
    void aRefusalByARuleIsNeverRetried() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new StateConflictException("acknowledged already"), failures(1), () -> {
                })).isFalse();
    }

    @Test
    void retriesStopAfterTheLimit() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConcurrencyException("again"), failures(4), () -> {
                })).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[] {ConcurrencyException.class});
        }
        return failures;
    }

    /** Stands in for db-scheduler's exception of the same name, which the scheduler recognises by name. */
    private static final class TaskInstanceCurrentlyExecutingException extends RuntimeException {
    }
}
