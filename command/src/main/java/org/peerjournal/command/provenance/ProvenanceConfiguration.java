package org.peerjournal.command.provenance;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every event carries who did it. Commands bring their actor; the dispatch interceptor copies it into the command's
 * metadata, the correlation data provider copies it from there onto every event the command causes, and the event
 * store refuses any event that arrives without one.
 */
@Configuration
class ProvenanceConfiguration {

    @Bean
    static CorrelationDataProvider actorCorrelationDataProvider() {
        return new ActorCorrelationDataProvider();
    }

    /** Registered once every bean exists (the buses themselves depend on the correlation data providers). */
    @Bean
    static SmartInitializingSingleton provenanceGuards(ObjectProvider<CommandBus> commandBus,
            ObjectProvider<EventStore> eventStore) {
        return () -> {
            commandBus.getObject().registerDispatchInterceptor(new ActorToMetaDataInterceptor());
            eventStore.getObject().registerDispatchInterceptor(new ActorRequiredInterceptor());
        };
    }
}
