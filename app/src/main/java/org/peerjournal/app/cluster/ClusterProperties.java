package org.peerjournal.app.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How this node takes part in sharing the projections' work with other nodes on the same database
 * ({@code peerjournal.cluster.*}).
 *
 * @param nodeId            this node's name in token claims; empty: the host name and a random suffix
 * @param claimTimeout      after this long without extending its claims, another node may take over a node's
 *                          segments
 * @param nodeTimeout       a processor not heard of for this long on a node no longer counts when segments are
 *                          shared; shorter than the claim timeout, so a node that took over a dead node's segments
 *                          never hands them back to it
 * @param balanceInterval   how often a node records its heartbeat and looks at the share of each processor
 * @param replayTimeout     how long a replay waits for the other nodes to release the projection's segments
 * @param replayPoll        how often a node looks for replays asked for on another node
 */
@ConfigurationProperties("peerjournal.cluster")
public record ClusterProperties(
        @DefaultValue("") String nodeId,
        @DefaultValue("PT10S") Duration claimTimeout,
        @DefaultValue("PT6S") Duration nodeTimeout,
        @DefaultValue("PT2S") Duration balanceInterval,
        @DefaultValue("PT30S") Duration replayTimeout,
        @DefaultValue("PT0.5S") Duration replayPoll) {

    public ClusterProperties {
        if (nodeTimeout.compareTo(claimTimeout) >= 0) {
            throw new IllegalArgumentException("peerjournal.cluster.node-timeout (" + nodeTimeout
                    + ") must be shorter than peerjournal.cluster.claim-timeout (" + claimTimeout + ")");
        }
        if (nodeTimeout.compareTo(balanceInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("peerjournal.cluster.node-timeout (" + nodeTimeout
                    + ") must be at least twice peerjournal.cluster.balance-interval (" + balanceInterval + ")");
        }
        if (replayTimeout.compareTo(claimTimeout) <= 0) {
            throw new IllegalArgumentException("peerjournal.cluster.replay-timeout (" + replayTimeout
                    + ") must be longer than peerjournal.cluster.claim-timeout (" + claimTimeout + ")");
        }
    }
}
