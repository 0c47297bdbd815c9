package org.peerjournal.query.stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The streams of one node: limits per user and per node, and readers that do not keep up. */
class LiveEscalationStreamsTest {

    private static final int BUFFER = 5;
    private static final StreamItem FIRST = new StreamItem("subscribed", null, "north");

    private final LiveEscalationStreams streams = new LiveEscalationStreams(
            new StreamProperties(2, 3, BUFFER, Duration.ofSeconds(15), Duration.ofMinutes(30)));
    private final CountDownLatch stalled = new CountDownLatch(1);

    @AfterEach
    void release() {
        stalled.countDown();
        streams.stop();
    }

    @Test
    void aUserMayHoldTwoStreamsAndTheNodeThree() {
        streams.open("clara", "north", new RecordingSink(), FIRST);
        LiveStream second = streams.open("clara", "north", new RecordingSink(), FIRST);
        assertThatThrownBy(() -> streams.open("clara", "north", new RecordingSink(), FIRST))
                .isInstanceOf(TooManyStreamsException.class).hasMessageContaining("per user");

        streams.open("david", "north", new RecordingSink(), FIRST);
        assertThatThrownBy(() -> streams.open("anna", "north", new RecordingSink(), FIRST))
                .isInstanceOf(TooManyStreamsException.class).hasMessageContaining("node");

        second.close();
        assertThat(streams.openStreams()).isEqualTo(2);
        streams.open("anna", "north", new RecordingSink(), FIRST);
        assertThat(streams.openStreams()).isEqualTo(3);
    }

    @Test
    void aStalledReaderNeitherHoldsUpThePublisherNorTheOtherReadersAndIsDisconnected() {
        RecordingSink stalledSink = new RecordingSink(stalled);
        RecordingSink reader = new RecordingSink();
        RecordingSink otherTeam = new RecordingSink();
        streams.open("clara", "north", stalledSink, FIRST);
        streams.open("david", "north", reader, FIRST);
        streams.open("bo", "south", otherTeam, FIRST);

        // More changes than a buffer holds, each read at once by the reader that keeps up.
        for (int i = 1; i <= 3 * BUFFER; i++) {
            streams.publish(RaisedEscalations.in("north"));
            int expected = i + 1;
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> reader.sent().size() == expected);
        }
        assertThat(stalled.getCount()).as("published everything while one reader's write is still stalled").isOne();
        assertThat(reader.sent().subList(1, 3 * BUFFER + 1)).extracting(StreamItem::name).containsOnly("escalation");
        assertThat(otherTeam.sent()).containsExactly(FIRST);
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.openStreams() == 2);
        assertThat(stalledSink.closed).as("not closed while its write is stalled").isZero();

        stalled.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> stalledSink.closed == 1);
        assertThat(stalledSink.sent()).as("the first item and the one whose write stalled, nothing after").hasSize(2);
    }

    @Test
    void aReaderThatLeftIsClosedAtTheNextWrite() {
        RecordingSink gone = new RecordingSink();
        gone.failing = true;
        streams.open("clara", "north", gone, FIRST);
        await().atMost(Duration.ofSeconds(5)).until(() -> gone.closed == 1 && streams.openStreams() == 0);
    }

    /** Before the web server's graceful shutdown, which would otherwise wait for every open stream. */
    @Test
    void stoppingEndsEveryStream() {
        streams.start();
        RecordingSink reader = new RecordingSink();
        streams.open("clara", "north", reader, FIRST);
        assertThat(streams.isRunning()).isTrue();

        streams.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.closed == 1);
        assertThat(streams.openStreams()).isZero();
        assertThat(streams.isRunning()).isFalse();
    }

    /** Records what is written; optionally stalls every write after the first until released. */
    private static final class RecordingSink implements StreamSink {

        private final List<StreamItem> sent = new CopyOnWriteArrayList<>();
        private final CountDownLatch stall;
        private volatile int closed;
        private volatile boolean failing;

        RecordingSink() {
            this(null);
        }

        RecordingSink(CountDownLatch stall) {
            this.stall = stall;
        }

        @Override
        public void send(StreamItem item) throws java.io.IOException {
            if (failing) {
                throw new java.io.IOException("Broken pipe");
            }
            if (stall != null && !sent.isEmpty()) {
                try {
                    stall.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(item);
        }

        @Override
        public synchronized void close() {
            closed++;
        }

        List<StreamItem> sent() {
            return List.copyOf(sent);
        }
    }
}
