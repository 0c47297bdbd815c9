package org.peerjournal.query.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Limits of the live escalation streams of one node ({@code peerjournal.streams.*}).
 *
 * @param maxPerUser the open streams one user may hold on this node; the next is refused with 429
 * @param maxPerNode the open streams this node serves in all; the next is refused with 429
 * @param buffer     changes waiting for one reader; a reader that falls further behind is disconnected (its
 *                   EventSource reconnects and reads the queue afresh) rather than slowing anybody else
 * @param heartbeat  a comment line this often keeps proxies from closing an idle stream and reveals departed
 *                   clients (their slot is freed at the first heartbeat that cannot be written)
 * @param lifetime   a stream ends after this; clients reconnect by themselves
 */
@ConfigurationProperties("peerjournal.streams")
public record StreamProperties(
        @DefaultValue("5") int maxPerUser,
        @DefaultValue("200") int maxPerNode,
        @DefaultValue("100") int buffer,
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("PT30M") Duration lifetime) {

    public StreamProperties {
        if (maxPerUser < 1 || maxPerNode < 1 || buffer < 1) {
            throw new IllegalArgumentException(
                    "peerjournal.streams.max-per-user, max-per-node and buffer must be at least 1");
        }
    }
}
