package org.peerjournal.query.consistency;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryMessage;
import org.junit.jupiter.api.Test;
import org.peerjournal.query.audit.AccessLogProjection;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which query handlers wait for this node's writes: a projection's, unless it holds no journal writes (the access
 * log holds only what reads record, so waiting for journal writes would only wait for its backlog of reads).
 */
class ReadYourWritesHandlerEnhancerTest {

    /** Never asked for here: deciding which handlers to wrap needs no catch-up. */
    private final ReadYourWritesHandlerEnhancer enhancer = new ReadYourWritesHandlerEnhancer(
            new StaticListableBeanFactory().getBeanProvider(ProjectionCatchUp.class));

    @Test
    void aProjectionsQueriesWaitForThisNodesWrites() {
        List<? extends MessageHandlingMember<?>> queries = queryHandlersOf(SomeProjection.class);

        assertThat(queries).isNotEmpty().allSatisfy(query -> assertThat(wrapped(query)).isNotSameAs(query));
    }

    @Test
    void theAccessLogsQueriesDoNotWaitForJournalWrites() {
        List<? extends MessageHandlingMember<?>> queries = queryHandlersOf(AccessLogProjection.class);

        assertThat(queries).isNotEmpty().allSatisfy(query -> assertThat(wrapped(query)).isSameAs(query));
    }

    /** A projection like the timeline: it handles journal events, and its queries show them. */
    @ProcessingGroup("some-projection")
    static class SomeProjection {

        @QueryHandler
        String answer(String query) {
            return query;
        }
    }

    private <T> MessageHandlingMember<T> wrapped(MessageHandlingMember<T> handler) {
        return enhancer.wrapHandler(handler);
    }

    private static <T> List<MessageHandlingMember<? super T>> queryHandlersOf(Class<T> projection) {
        return AnnotatedHandlerInspector.inspectType(projection).getHandlers(projection)
                .filter(handler -> handler.canHandleMessageType(QueryMessage.class))
                .toList();
    }
}
