package org.peerjournal.query.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Delivers notifications as a JSON POST to {@code peerjournal.notifications.webhook-url}; 2xx means delivered. */
@Component
class WebhookEscalationNotifier implements EscalationNotifier {

    private final NotificationProperties properties;
    private final ObjectMapper objectMapper;
    private final HttpClient http;

    WebhookEscalationNotifier(NotificationProperties properties, ObjectMapper objectMapper) {
        this.properties = properties;
        this.objectMapper = objectMapper;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    @Override
    public void deliver(EscalationNotification notification) throws NotificationDeliveryException {
        try {
            HttpRequest request = HttpRequest.newBuilder(properties.webhookUrl())
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(objectMapper.writeValueAsBytes(notification)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new NotificationDeliveryException("webhook answered HTTP " + response.statusCode());
            }
        } catch (JsonProcessingException e) {
            throw new NotificationDeliveryException("notification not serializable", e);
        } catch (IOException e) {
            throw new NotificationDeliveryException("webhook unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationDeliveryException("interrupted", e);
        }
    }
}
