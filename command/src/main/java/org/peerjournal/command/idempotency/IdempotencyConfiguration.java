package org.peerjournal.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class IdempotencyConfiguration {

    /**
     * Registered after Axon's own transaction interceptor (which the bus gets when it is built), so the answer is
     * remembered inside the command's transaction.
     */
    @Bean
    static SmartInitializingSingleton rememberAnswersInsideTheCommandTransaction(ObjectProvider<CommandBus> commandBus,
            ObjectProvider<IdempotencyStore> store, ObjectProvider<ObjectMapper> objectMapper) {
        return () -> commandBus.getObject().registerHandlerInterceptor(
                new RememberAnswerInterceptor(store.getObject(), objectMapper.getObject()));
    }
}
