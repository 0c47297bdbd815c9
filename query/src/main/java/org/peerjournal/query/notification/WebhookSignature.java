package org.peerjournal.query.notification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a webhook delivery, so a receiver can tell it from a forgery or a replay of an old one:
 * HMAC-SHA256, keyed with the shared secret, over the timestamp (Unix seconds), a dot and the exact body bytes.
 * Sent as {@value #TIMESTAMP_HEADER} and {@value #SIGNATURE_HEADER} ({@code v1=} and the lowercase hex digest).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-PeerJournal-Timestamp";
    public static final String SIGNATURE_HEADER = "X-PeerJournal-Signature";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The signature header's value for this body sent at this timestamp. */
    public String sign(long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
