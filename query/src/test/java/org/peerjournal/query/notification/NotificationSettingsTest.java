package org.peerjournal.query.notification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A webhook that could never be delivered, or a receiver could not verify, stops the application at start. */
class NotificationSettingsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    /** {@code printf '%s' '1764432000.{"state":"RAISED"}' | openssl dgst -sha256 -hmac <SECRET>} */
    private static final String OPENSSL_DIGEST = "3edd671b5b919701b1fc1af05327a9f71fbb8dc741facd4e724b19d33593ed13";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hooks.example.org/escalations", "/escalations", "ftp://hooks.example.org/x",
            "mailto:alerts@example.org", "http:///escalations"})
    void aWebhookUrlThatIsNotAnAbsoluteHttpUrlIsRefused(String url) {
        assertThatThrownBy(() -> settings(URI.create(url), SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook-url");
    }

    @Test
    void aWebhookWithoutAStrongEnoughSecretIsRefused() {
        URI url = URI.create("https://hooks.example.org/escalations");
        assertThatThrownBy(() -> settings(url, null)).hasMessageContaining("signing-secret");
        assertThatThrownBy(() -> settings(url, "short")).hasMessageContaining("signing-secret");
        assertThat(settings(url, SECRET).enabled()).isTrue();
        assertThat(settings(null, null).enabled()).isFalse();
    }

    /** The example of docs/escalations.md, the digest computed independently with openssl. */
    @Test
    void theSignatureIsAnHmacOverTheTimestampADotAndTheBody() {
        String body = "{\"state\":\"RAISED\"}";
        assertThat(new WebhookSignature(SECRET).sign(1764432000L, body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1=" + OPENSSL_DIGEST);
    }

    private static NotificationProperties settings(URI url, String secret) {
        return new NotificationProperties(url, secret, 5, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofHours(24));
    }
}
