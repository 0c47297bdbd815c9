package org.peerjournal.app.integrity;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads rows on a thread of its own while the calling thread checks the rows read before: on one connection the
 * database's decoding of rows and the verifier's hashing of them otherwise take turns on one core. The rows cross in
 * batches (one hand-off per row would cost about as much as hashing it), at most {@link #QUEUED} batches waiting, so
 * memory stays a few thousand rows whatever the store's size. The rows are checked in the order they were read.
 */
final class ReadAhead<T> {

    private static final int BATCH = 1_000;
    private static final int QUEUED = 4;

    /** Reads every row, in order, into the sink. */
    interface Source<T> {
        void readAll(Consumer<T> sink) throws SQLException;
    }

    /** A batch of rows; the last one (possibly empty) says the reading ended, and how. */
    private record Batch<T>(List<T> rows, boolean last, Throwable failure) {
    }

    private final BlockingQueue<Batch<T>> queue = new ArrayBlockingQueue<>(QUEUED);
    /** Set when the checking thread gives up, so the reader stops instead of waiting for room in the queue. */
    private volatile boolean abandoned;
    private List<T> filling = new ArrayList<>(BATCH);

    private ReadAhead() {
    }

    /** Reads {@code source} on another thread and hands each row to {@code check} on this one, in order. */
    static <T> void run(Source<T> source, Consumer<T> check) throws SQLException {
        ReadAhead<T> readAhead = new ReadAhead<>();
        Thread reader = new Thread(() -> readAhead.read(source), "verify-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            readAhead.checkAll(check);
        } finally {
            readAhead.abandoned = true;
            readAhead.queue.clear();
            join(reader);
        }
    }

    private void read(Source<T> source) {
        Throwable failure = null;
        try {
            source.readAll(this::add);
        } catch (Abandoned e) {
            return;
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
        }
        hand(new Batch<>(filling, true, failure));
    }

    private void add(T row) {
        filling.add(row);
        if (filling.size() == BATCH) {
            hand(new Batch<>(filling, false, null));
            filling = new ArrayList<>(BATCH);
        }
    }

    private void hand(Batch<T> batch) {
        try {
            while (!abandoned) {
                if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Abandoned();
    }

    private void checkAll(Consumer<T> check) throws SQLException {
        while (true) {
            Batch<T> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("verification interrupted", e);
            }
            batch.rows.forEach(check);
            if (batch.last) {
                rethrow(batch.failure);
                return;
            }
        }
    }

    private static void rethrow(Throwable failure) throws SQLException {
        if (failure instanceof SQLException sql) {
            throw sql;
        } else if (failure instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure instanceof Error error) {
            throw error;
        }
    }

    /** Waits for the reader to leave the connection, which the caller closes next. */
    private static void join(Thread reader) {
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unwinds the reader once the checking thread has given up. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }
}
