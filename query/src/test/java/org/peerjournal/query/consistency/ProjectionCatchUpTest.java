package org.peerjournal.query.consistency;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
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

    private final LocalWrites localWrites = new LocalWrites();
    private final EventTrackerStatus segment = mock(EventTrackerStatus.class);
    private final ProjectionCatchUp catchUp = new ProjectionCatchUp(processing(segment), localWrites, READ_WAIT);
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProjectionCatchUp.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void recordAWriteAndListenToTheLog() {
        localWrites.committed(WRITTEN);
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

    @ProcessingGroup("timeline")
    static class Timeline {

        @QueryHandler
        String timeline(String journalId) {
            return "timeline of " + journalId + " as projected";
        }
    }

    private static EventProcessingConfiguration processing(EventTrackerStatus segment) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(true);
        when(processor.isError()).thenReturn(false);
        when(processor.processingStatus()).thenReturn(Map.of(0, segment));
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessor("timeline", StreamingEventProcessor.class)).thenReturn(Optional.of(processor));
        return processing;
    }
}
