package org.peerjournal.app.cluster;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Shares each projection's segments fairly between the live nodes. Axon's processors claim every free segment
 * they can, so the first node up would keep them all; each node here records a heartbeat and, when it holds more
 * than its fair share of a processor's segments, releases one. Another node's processor then claims it through
 * Axon's own token-claim mechanism. When a node stops, its claims expire and the others take its segments.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final NodeIdentity node;
    private final ClusterProperties cluster;

    SegmentBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing, NodeIdentity node,
            ClusterProperties cluster) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.node = node;
        this.cluster = cluster;
    }

    @Scheduled(fixedDelayString = "${peerjournal.cluster.balance-interval-ms:5000}",
            initialDelayString = "${peerjournal.cluster.balance-interval-ms:5000}")
    void balance() {
        Instant now = Instant.now();
        heartbeat(now);
        int liveNodes = jdbc.queryForObject("select count(*) from cluster_node where last_seen >= ?", Integer.class,
                Timestamp.from(now.minus(cluster.nodeTimeout())));
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                releaseSurplus(name, streaming, Math.max(1, liveNodes));
            }
        });
    }

    private void releaseSurplus(String name, StreamingEventProcessor processor, int liveNodes) {
        int segments = jdbc.queryForObject("select count(*) from token_entry where processor_name = ?",
                Integer.class, name);
        int fairShare = (segments + liveNodes - 1) / liveNodes;
        var mine = processor.processingStatus();
        if (mine.size() > fairShare) {
            int segment = mine.keySet().iterator().next();
            log.info("Node {} releases segment {} of {} ({} held, fair share {} among {} nodes)", node.id(), segment,
                    name, mine.size(), fairShare, liveNodes);
            processor.releaseSegment(segment);
        }
    }

    private void heartbeat(Instant now) {
        int updated = jdbc.update("update cluster_node set last_seen = ? where node_id = ?", Timestamp.from(now),
                node.id());
        if (updated == 0) {
            try {
                jdbc.update("insert into cluster_node (node_id, last_seen) values (?, ?)", node.id(),
                        Timestamp.from(now));
            } catch (DuplicateKeyException raced) {
                // inserted by a concurrent heartbeat of this node: nothing to do
            }
        }
    }
}
