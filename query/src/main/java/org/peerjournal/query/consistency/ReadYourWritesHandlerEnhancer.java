package org.peerjournal.query.consistency;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes every query handler of a projection (a class with a {@link ProcessingGroup}) first wait until that
 * projection has caught up with this node's writes ({@link ProjectionCatchUp}): the one place that gives reads
 * their read-your-own-writes guarantee, whatever controller sends the query. A projection that holds no journal
 * writes ({@link HoldsNoJournalWrites}) has nothing to wait for.
 */
@Component
class ReadYourWritesHandlerEnhancer implements HandlerEnhancerDefinition {

    // Lazily: handler definitions are built with Axon's configuration, before the event processors exist.
    private final ObjectProvider<ProjectionCatchUp> catchUp;

    ReadYourWritesHandlerEnhancer(ObjectProvider<ProjectionCatchUp> catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup projection = original.declaringClass().getAnnotation(ProcessingGroup.class);
        if (projection == null || original.declaringClass().isAnnotationPresent(HoldsNoJournalWrites.class)
                || !original.canHandleMessageType(QueryMessage.class)) {
            return original;
        }
        String name = projection.value();
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                catchUp.getObject().awaitLocalWrites(name);
                return super.handle(message, target);
            }
        };
    }
}
