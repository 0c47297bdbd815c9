package org.peerjournal.query.stream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One open live stream: a bounded buffer, written into the client's connection by at most one sender thread at a
 * time. Offering never blocks. A full buffer ends the stream; so does a write that fails (the client left).
 * Whoever ends it, the connection itself is only touched by the sender, so nobody waits on a stalled client.
 */
public final class LiveStream {

    private final String userId;
    private final String teamId;
    private final StreamSink sink;
    private final BlockingQueue<StreamItem> buffer;
    private final Executor senders;
    private final Consumer<LiveStream> onClose;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean sinkClosed = new AtomicBoolean();

    LiveStream(String userId, String teamId, StreamSink sink, int capacity, Executor senders,
            Consumer<LiveStream> onClose) {
        this.userId = userId;
        this.teamId = teamId;
        this.sink = sink;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.senders = senders;
        this.onClose = onClose;
    }

    String userId() {
        return userId;
    }

    String teamId() {
        return teamId;
    }

    void offer(StreamItem item) {
        if (closed.get()) {
            return;
        }
        if (!buffer.offer(item)) {
            close();
            return;
        }
        scheduleSending();
    }

    /** Ends the stream (idempotent): its slot is free at once, its connection is ended by the sender. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
            buffer.clear();
            scheduleSending();
        }
    }

    private void scheduleSending() {
        if (sending.compareAndSet(false, true)) {
            try {
                senders.execute(this::send);
            } catch (RejectedExecutionException shuttingDown) {
                sending.set(false);
                if (closed.compareAndSet(false, true)) {
                    onClose.accept(this);
                }
                if (sinkClosed.compareAndSet(false, true)) {
                    sink.close();
                }
            }
        }
    }

    private void send() {
        try {
            StreamItem item;
            while (!closed.get() && (item = buffer.poll()) != null) {
                sink.send(item);
            }
        } catch (Exception departed) {
            close();
        } finally {
            sending.set(false);
        }
        if (closed.get()) {
            if (sinkClosed.compareAndSet(false, true)) {
                sink.close();
            }
        } else if (!buffer.isEmpty()) {
            scheduleSending();
        }
    }
}
