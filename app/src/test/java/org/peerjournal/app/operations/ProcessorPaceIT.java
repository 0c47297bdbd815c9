package org.peerjournal.app.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0022 on the running application: every projection's coordinator runs on {@code CoordinatorBackOff}, the
 * executor that reads on after {@code peerjournal.projections.full-buffer-wait} instead of Axon's 100 ms once a work
 * package's buffer is full. {@code CoordinatorBackOffTest} covers its delays; this test covers that Axon was given
 * it for each processor. Axon keeps the executor in private fields (of Axon 4.13, the version that test pins).
 */
class ProcessorPaceIT extends ApiIntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyProjectionsCoordinatorRunsOnTheShorterWaitForAFullBuffer() {
        List<PooledStreamingEventProcessor> pooled = processing.eventProcessors().values().stream()
                .filter(PooledStreamingEventProcessor.class::isInstance)
                .map(PooledStreamingEventProcessor.class::cast)
                .toList();

        assertThat(pooled).extracting(EventProcessor::getName).containsExactlyInAnyOrder("timeline",
                "journal-directory", "escalation-queue", "escalation-notifications", "access-log");
        assertThat(pooled).allSatisfy(processor -> assertThat(coordinatorExecutorOf(processor))
                .as(processor.getName()).extracting(executor -> executor.getClass().getSimpleName())
                .isEqualTo("CoordinatorBackOff"));
    }

    private static Object coordinatorExecutorOf(PooledStreamingEventProcessor processor) {
        return ReflectionTestUtils.getField(ReflectionTestUtils.getField(processor, "coordinator"), "executorService");
    }
}
