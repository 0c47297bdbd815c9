package org.peerjournal.app.integrity;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The full verification of the store on demand, in the background: one run at a time on its own thread, its
 * result kept until the next run replaces it. The same {@link StoreVerifier} the offline command runs, against the
 * latest checkpoints under this service's own public key.
 */
public class StoreAudit implements AutoCloseable {

    /** A run: RUNNING until it finishes with a report, or FAILED when the store could not be read. */
    public record Run(String status, Instant startedAt, Instant finishedAt, Boolean intact, Long events,
            Long treeSize, Long verifiedTreeSize, List<String> discrepancies, List<String> notes) {
    }

    private final DataSource dataSource;
    private final NoteVerifier key;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "integrity-audit");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Run> current;
    private Run running;

    public StoreAudit(DataSource dataSource, NoteVerifier key, Clock clock) {
        this.dataSource = dataSource;
        this.key = key;
        this.clock = clock;
    }

    /** Starts a run unless one is going, and answers its result if it ends within {@code wait}, else RUNNING. */
    public Run runOrLatest(long waitMillis) {
        CompletableFuture<Run> run;
        synchronized (this) {
            if (current == null || current.isDone()) {
                Instant started = clock.instant();
                running = new Run("RUNNING", started, null, null, null, null, null, List.of(), List.of());
                current = CompletableFuture.supplyAsync(() -> verify(started), executor);
            }
            run = current;
        }
        try {
            return run.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return running;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Run verify(Instant started) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            VerificationReport report = StoreVerifier.verify(connection, List.of(key), List.of());
            connection.rollback();
            return new Run("DONE", started, clock.instant(), report.intact(), report.events(), report.treeSize(),
                    report.verifiedTreeSize(), report.discrepancies(), report.notes());
        } catch (SQLException e) {
            return new Run("FAILED", started, clock.instant(), null, null, null, null,
                    List.of("the store could not be read: " + e.getMessage()), List.of());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
