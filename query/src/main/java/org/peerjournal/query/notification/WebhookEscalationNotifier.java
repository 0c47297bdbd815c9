package org.peerjournal.query.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * Delivers notifications as a JSON POST to {@code peerjournal.notifications.webhook-url}, signed with the shared
 * secret ({@link WebhookSignature}); 2xx means delivered.
 */
@Component
class WebhookEscalationNotifier implements EscalationNotifier {

    private final NotificationProperties properties;
    private final ObjectMapper objectMapper;
    private final HttpClient http;
    private final WebhookSignature signature;
    private final Clock clock = Clock.systemUTC();

    WebhookEscalationNotifier(NotificationProperties properties, ObjectMapper objectMapper) {
        this.properties = properties;
        this.objectMapper = objectMapper;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.signature = properties.enabled() ? new WebhookSignature(properties.signingSecret()) : null;
    }

    @Override
    public void deliver(EscalationNotification notification) throws NotificationDeliveryException {
        try {
            byte[] body = objectMapper.writeValueAsBytes(notification);
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(properties.webhookUrl())
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
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
