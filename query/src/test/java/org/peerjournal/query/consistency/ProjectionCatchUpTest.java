package org.peerjournal.query.consistency;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerjournal.query.operations.Projections;
import org.peerjournal.shared.journal.event.ContactNoteCorrectedEvent;
import org.peerjournal.shared.journal.event.ContactNoteRecordedEvent;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The bound on read-your-writes (docs/consistency.md): a read waits for this node's writes at most
 * {@code read-wait}; past it, it is answered from where the projection is, and the node logs a warning.
 * {@code ReadYourWritesIT} covers the wait end to end; the fallback needs a projection that is running, not failed,
 * and does not get there, which here is a processor whose only segment stays one event short.
 */
class ProjectionCatchUpTest {

    private static final Duration READ_WAIT = Duration.ofMillis(100);
    private static final long WRITTEN = 42;
    /** Its sequence falls in the second of two segments. */
    private static final String JOURNAL = "journal-1";
    private static final Segment FIRST = Segment.computeSegment(0, 0, 1);
    private static final Segment SECOND = Segment.computeSegment(1, 0, 1);

    private final LocalWrites localWrites = new LocalWrites();
    private final EventTrackerStatus segment = mock(EventTrackerStatus.class);
    private final PooledStreamingEventProcessor processor = mock(PooledStreamingEventProcessor.class);
    private final Projections projections = mock(Projections.class);
    private final ProjectionCatchUp catchUp = new ProjectionCatchUp(processing(processor), projections, localWrites,
            READ_WAIT);
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProjectionCatchUp.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void recordAWriteAndListenToTheLog() {
        when(processor.isRunning()).thenReturn(true);
        when(processor.isError()).thenReturn(false);
        EventHandlerInvoker invoker = mock(EventHandlerInvoker.class);
        when(invoker.canHandleType(ContactNoteRecordedEvent.class)).thenReturn(true);
        when(processor.eventHandlerInvoker()).thenReturn(invoker);
        processes(Segment.ROOT_SEGMENT);
        localWrites.committed(WRITTEN, JOURNAL, ContactNoteRecordedEvent.class);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void aProjectionThatDoesNotGetThereIsAnsweredFromWhereItIsAfterTheBoundWithAWarning() {
        when(segment.getTrackingToken()).thenReturn(new GlobalSequenceTrackingToken(WRITTEN - 1));

        long start = System.nanoTime();
        boolean caughtUp = catchUp.awaitLocalWrites("timeline");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(caughtUp).isFalse();
        assertThat(waited).isGreaterThanOrEqualTo(READ_WAIT);
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).contains("timeline", "position " + WRITTEN);
        });
    }

    @Test
    void theQueryIsAnsweredAllTheSameOnceTheBoundIsPast() throws Exception {
        when(segment.getTrackingToken()).thenReturn(new GlobalSequenceTrackingToken(WRITTEN - 1));
        ReadYourWritesHandlerEnhancer enhancer = new ReadYourWritesHandlerEnhancer(
                new StaticListableBeanFactory(Map.of("catchUp", catchUp)).getBeanProvider(ProjectionCatchUp.class));
        MessageHandlingMember<? super Timeline> handler = AnnotatedHandlerInspector.inspectType(Timeline.class)
                .getHandlers(Timeline.class).filter(member -> member.canHandleMessageType(QueryMessage.class))
                .findFirst().orElseThrow();

        Object answer = enhancer.wrapHandler(handler).handle(
                new GenericQueryMessage<>("journal-1", ResponseTypes.instanceOf(String.class)), new Timeline());

        assertThat(answer).isEqualTo("timeline of journal-1 as projected");
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);
    }

    @Test
    void aProjectionThatHasTheWriteAnswersAtOnceWithoutAWarning() {
        when(segment.getTrackingToken()).thenReturn(new GlobalSequenceTrackingToken(WRITTEN));

        assertThat(catchUp.awaitLocalWrites("timeline")).isTrue();
        assertThat(lines.list).isEmpty();
    }

    /**
     * On several nodes: this node processes one of two segments, and the write fell in the other, which another node
     * processes: the read waits for that segment's stored token, and the next read without a new write reads none.
     */
    @Test
    void aWriteInASegmentAnotherNodeProcessesIsWaitedForByThatSegmentsStoredToken() {
        assertThat(SECOND.matches(JOURNAL)).isTrue();
        processes(FIRST);
        stored(new GlobalSequenceTrackingToken(WRITTEN - 1));

        assertThat(catchUp.awaitLocalWrites("timeline")).as("the other segment one event short").isFalse();
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);

        stored(new GlobalSequenceTrackingToken(WRITTEN));
        assertThat(catchUp.awaitLocalWrites("timeline")).as("the other segment's token at the write").isTrue();

        clearInvocations(projections);
        assertThat(catchUp.awaitLocalWrites("timeline")).as("the next read, no write since").isTrue();
        verifyNoInteractions(projections);
    }

    /**
     * A stored token moves only with the batches its segment handles: a segment with none of our writes, or with
     * ours only of types its projection does not handle, is not waited for.
     */
    @Test
    void aSegmentElsewhereWithNoneOfThisNodesWritesIsNotWaitedFor() {
        processes(SECOND);
        storedFor(FIRST, new GlobalSequenceTrackingToken(WRITTEN - 20));

        assertThat(catchUp.awaitLocalWrites("timeline")).isTrue();
        assertThat(lines.list).isEmpty();
    }

    @Test
    void writesOfTypesTheProjectionDoesNotHandleAreNotWaitedForElsewhere() {
        localWrites.committed(WRITTEN + 2, JOURNAL, ContactNoteCorrectedEvent.class);
        processes(FIRST, WRITTEN + 2);
        stored(new GlobalSequenceTrackingToken(WRITTEN));

        assertThat(catchUp.awaitLocalWrites("timeline")).as("past our note; our correction is not handled").isTrue();
        assertThat(lines.list).isEmpty();
    }

    /** Writes that commit out of order: one committed after a read had seen a later one is waited for all the same. */
    @Test
    void aWriteCommittedAfterALaterOneIsWaitedForToo() {
        processes(FIRST, WRITTEN + 10);
        localWrites.committed(WRITTEN + 10, JOURNAL, ContactNoteRecordedEvent.class);
        stored(GapAwareTrackingToken.newInstance(WRITTEN + 10, List.of(WRITTEN + 5)));
        assertThat(catchUp.awaitLocalWrites("timeline")).isTrue();

        localWrites.committed(WRITTEN + 5, JOURNAL, ContactNoteRecordedEvent.class);
        assertThat(catchUp.awaitLocalWrites("timeline")).as("the other segment's gap is ours now").isFalse();
    }

    @Test
    void aSegmentElsewhereIsWaitedForUnlessItIsBeingRebuilt() {
        processes(FIRST);
        stored(null);
        assertThat(catchUp.awaitLocalWrites("timeline")).as("no token stored yet").isFalse();

        // A replay token outlasts the rebuild until the segment handles an event stored after its reset.
        TrackingToken resetAt = new GlobalSequenceTrackingToken(WRITTEN - 5);
        TrackingToken rebuilt = ((ReplayToken) ReplayToken.createReplayToken(resetAt,
                new GlobalSequenceTrackingToken(3))).advancedTo(resetAt);
        assertThat(rebuilt).isInstanceOf(ReplayToken.class);
        stored(rebuilt);
        assertThat(catchUp.awaitLocalWrites("timeline")).as("rebuilt, not past the write").isFalse();

        stored(ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(WRITTEN + 10),
                new GlobalSequenceTrackingToken(3)));
        assertThat(catchUp.awaitLocalWrites("timeline")).as("being rebuilt").isTrue();
    }

    /**
     * Reads that wait at the same time share the token table's query: at most one every 10 ms for all of them (plus
     * the warning each logs with the tokens once its wait is over), not one per reader and poll.
     */
    @Test
    void readsWaitingAtTheSameTimeShareOneTokenQueryAPoll() throws Exception {
        processes(FIRST);
        stored(new GlobalSequenceTrackingToken(WRITTEN - 1));
        int readers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(readers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> reads = new ArrayList<>();
            for (int reader = 0; reader < readers; reader++) {
                reads.add(threads.submit(() -> {
                    start.await();
                    return catchUp.awaitLocalWrites("timeline");
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            for (Future<Boolean> read : reads) {
                assertThat(read.get(30, TimeUnit.SECONDS)).as("the other segment one event short").isFalse();
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            // Queries at least 10 ms apart; one more per reader for its warning. Unshared, each reader would query
            // about every 10 ms of its own wait (READ_WAIT), eight times as many.
            long queries = mockingDetails(projections).getInvocations().stream()
                    .filter(call -> call.getMethod().getName().equals("storedTokens")).count();
            assertThat(queries).isBetween(readers + 1L, elapsedMillis / 10 + 1 + readers);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void noTokensAreReadWhileThisNodeProcessesEverySegment() {
        when(segment.getTrackingToken()).thenReturn(new GlobalSequenceTrackingToken(WRITTEN));

        assertThat(catchUp.awaitLocalWrites("timeline")).isTrue();
        verifyNoInteractions(projections);
    }

    /** This node processes {@code here} only, up to the write. */
    private void processes(Segment here) {
        processes(here, WRITTEN);
    }

    private void processes(Segment here, long at) {
        when(segment.getSegment()).thenReturn(here);
        when(segment.getTrackingToken()).thenReturn(new GlobalSequenceTrackingToken(at));
        when(processor.processingStatus()).thenReturn(Map.of(here.getSegmentId(), segment));
    }

    /** What the second segment stored; the first (processed here in these tests) stored something else. */
    private void stored(TrackingToken second) {
        Map<Segment, TrackingToken> tokens = new HashMap<>();
        tokens.put(FIRST, new GlobalSequenceTrackingToken(0));
        tokens.put(SECOND, second);
        when(projections.storedTokens("timeline")).thenReturn(tokens);
    }

    private void storedFor(Segment elsewhere, TrackingToken token) {
        Map<Segment, TrackingToken> tokens = new HashMap<>();
        tokens.put(elsewhere, token);
        tokens.put(elsewhere == FIRST ? SECOND : FIRST, new GlobalSequenceTrackingToken(0));
        when(projections.storedTokens("timeline")).thenReturn(tokens);
    }

    @ProcessingGroup("timeline")
    static class Timeline {

        @QueryHandler
        String timeline(String journalId) {
            return "timeline of " + journalId + " as projected";
        }
    }

    private static EventProcessingConfiguration processing(StreamingEventProcessor processor) {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessor("timeline", StreamingEventProcessor.class)).thenReturn(Optional.of(processor));
        return processing;
    }
}
