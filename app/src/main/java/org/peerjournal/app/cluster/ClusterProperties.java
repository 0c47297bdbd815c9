package org.peerjournal.app.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How this node takes part in sharing the projections' work with other nodes on the same database
 * ({@code peerjournal.cluster.*}).
 *
 * @param nodeId       this node's name in token claims; empty: the host name and a random suffix
 * @param claimTimeout after this long without a heartbeat, another node may take over a node's segments
 * @param nodeTimeout  a node not seen for this long no longer counts when shares are computed
 */
@ConfigurationProperties("peerjournal.cluster")
public record ClusterProperties(
        @DefaultValue("") String nodeId,
        @DefaultValue("PT10S") Duration claimTimeout,
        @DefaultValue("PT15S") Duration nodeTimeout) {
}
