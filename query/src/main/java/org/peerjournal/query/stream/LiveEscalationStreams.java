package org.peerjournal.query.stream;

import org.peerjournal.shared.escalation.EscalationView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live escalation streams open on this node, and the one place where a change is pushed to them.
 *
 * <p>Publishing never waits for a reader: each stream has a bounded buffer of its own, written to its connection
 * by a sender thread of its own (at most one at a time per stream), so a slow reader holds up nobody but itself,
 * and never the event processor or the feed that publishes. A reader whose buffer overflows is disconnected;
 * its EventSource reconnects and reads the queue afresh. Each user may hold {@code max-per-user} streams on a
 * node and the node {@code max-per-node} in all.
 */
@Component
public class LiveEscalationStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveEscalationStreams.class);

    private final StreamProperties properties;
    private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders;
    private volatile boolean running;

    public LiveEscalationStreams(StreamProperties properties) {
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        // Threads only while streams are written to; at most one per open stream, and streams are bounded.
        this.senders = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "live-stream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens a stream of one team's changes for a user, {@code first} being its first item.
     *
     * @throws TooManyStreamsException when the user or this node holds as many streams as allowed
     */
    public synchronized LiveStream open(String userId, String teamId, StreamSink sink, StreamItem first) {
        long ofUser = open.stream().filter(stream -> stream.userId().equals(userId)).count();
        if (ofUser >= properties.maxPerUser()) {
            throw new TooManyStreamsException("At most " + properties.maxPerUser()
                    + " live streams per user; close one first");
        }
        if (open.size() >= properties.maxPerNode()) {
            throw new TooManyStreamsException("This node serves at most " + properties.maxPerNode()
                    + " live streams; try again shortly");
        }
        LiveStream stream = new LiveStream(userId, teamId, sink, properties.buffer(), senders, open::remove);
        // Registered before its first write: a write that fails at once removes it again, never before it is added.
        open.add(stream);
        stream.offer(first);
        return stream;
    }

    /** Pushes one change to every stream of its team; returns at once, whatever the readers do. */
    public void publish(EscalationView change) {
        StreamItem item = new StreamItem("escalation", change.escalationId() + ":" + change.change(), change);
        for (LiveStream stream : open) {
            if (stream.teamId().equals(change.teamId())) {
                stream.offer(item);
            }
        }
    }

    /**
     * Ends every stream, e.g. when this node may have missed changes: clients reconnect and read the queue
     * afresh rather than trust a stream with a hole in it.
     */
    public void closeAll() {
        List.copyOf(open).forEach(LiveStream::close);
    }

    /** How many streams this node serves now. */
    public int openStreams() {
        return open.size();
    }

    @Scheduled(fixedRateString = "${peerjournal.streams.heartbeat:PT15S}",
            initialDelayString = "${peerjournal.streams.heartbeat:PT15S}")
    void heartbeat() {
        open.forEach(stream -> stream.offer(StreamItem.HEARTBEAT));
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends open streams before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public void stop() {
        running = false;
        closeAll();
        senders.shutdown();
        log.debug("Live streams closed");
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
