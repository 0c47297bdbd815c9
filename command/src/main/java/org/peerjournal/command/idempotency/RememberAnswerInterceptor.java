package org.peerjournal.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.peerjournal.shared.actor.ActorMetaData;

/**
 * Runs inside the command's transaction (it is registered after Axon's transaction interceptor): when the command
 * carries an idempotency key, its answer is remembered before the transaction commits. A concurrent request with
 * the same key fails on the primary key and rolls its whole command back.
 */
class RememberAnswerInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyStore store;
    private final ObjectMapper objectMapper;

    RememberAnswerInterceptor(IdempotencyStore store, ObjectMapper objectMapper) {
        this.store = store;
        this.objectMapper = objectMapper;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object key = command.getMetaData().get(IdempotencyKeys.KEY);
        Object result = chain.proceed();
        if (key instanceof String idempotencyKey) {
            String userId = (String) command.getMetaData().get(ActorMetaData.USER_ID);
            String fingerprint = (String) command.getMetaData().get(IdempotencyKeys.FINGERPRINT);
            store.remember(userId, idempotencyKey, fingerprint, toJson(result));
        }
        return result;
    }

    private String toJson(Object result) throws JsonProcessingException {
        return objectMapper.writeValueAsString(result);
    }
}
