package org.peerjournal.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.peerjournal.shared.actor.ActorCommand;
import org.peerjournal.shared.error.StateConflictException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a command on behalf of an HTTP request, honouring its {@code Idempotency-Key}: a repeat of the same request
 * returns the first answer and records nothing new; the same key with a different request is a conflict.
 */
@Component
public class IdempotentCommandSender {

    private final CommandGateway commandGateway;
    private final IdempotencyStore store;
    private final ObjectMapper objectMapper;

    IdempotentCommandSender(CommandGateway commandGateway, IdempotencyStore store, ObjectMapper objectMapper) {
        this.commandGateway = commandGateway;
        this.store = store;
        this.objectMapper = objectMapper;
    }

    /**
     * @param idempotencyKey the request's key, or {@code null} when it sent none
     * @param request        what identifies the request: its method and path, and its body
     */
    public <R> R send(ActorCommand command, Class<R> answerType, String idempotencyKey, Object request) {
        if (idempotencyKey == null) {
            return commandGateway.sendAndWait(command);
        }
        String userId = command.actor().userId();
        String fingerprint = fingerprint(request);
        Optional<R> earlier = earlierAnswer(userId, idempotencyKey, fingerprint, answerType);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return commandGateway.sendAndWait(command, MetaData.from(Map.of(
                    IdempotencyKeys.KEY, idempotencyKey, IdempotencyKeys.FINGERPRINT, fingerprint)));
        } catch (DataIntegrityViolationException concurrentRepeat) {
            // The same key was used by a request that committed while this one ran: this one stored nothing.
            return earlierAnswer(userId, idempotencyKey, fingerprint, answerType).orElseThrow(() -> concurrentRepeat);
        }
    }

    private <R> Optional<R> earlierAnswer(String userId, String key, String fingerprint, Class<R> answerType) {
        return store.find(userId, key).map(answer -> {
            if (!answer.fingerprint().equals(fingerprint)) {
                throw new StateConflictException("Idempotency-Key " + key + " was used for a different request");
            }
            return fromJson(answer.resultJson(), answerType);
        });
    }

    private <R> R fromJson(String json, Class<R> type) {
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable remembered answer", e);
        }
    }

    private String fingerprint(Object request) {
        try {
            byte[] canonical = objectMapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }
}
