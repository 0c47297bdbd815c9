package org.peerjournal.app.cluster;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares each processor's segments among the nodes that run it (see ADR 0012). Axon's processors claim every free
 * segment they can, so the first node up would keep them all, and Axon's own cap ({@code maxClaimedSegments}) is
 * fixed: a node capped at its share could not take over a dead node's segments. Instead each node records, per
 * processor it runs, a heartbeat ({@code processor_member}); a node releases one segment only when another member
 * holds at least two fewer, so the move makes the shares more even; the other member's processor then claims it
 * through Axon's token claims.
 *
 * <p>No churn: a processor that is stopped (e.g. during a replay) records no heartbeat, and a member unheard of
 * for {@code node-timeout} no longer counts. As the node timeout is shorter than the claim timeout, a node that
 * took over a dead node's segments (after the claim timeout) no longer counts the dead node, so it never releases
 * a segment nobody will take.
 *
 * <p>Nor to a node that just stopped: its last heartbeat may land after its processor gave its segments up, so for
 * up to one node timeout it still looks like a member holding nothing. A segment goes only to a member heard from
 * after this node last gained a segment; a node that stopped (and so gave up what this node then took) is not.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final NodeIdentity node;
    private final ClusterProperties cluster;
    /** Per processor: the segments this node held at its last look, and when that share last grew. */
    private final Map<String, Set<Integer>> heldAtLastLook = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastGained = new ConcurrentHashMap<>();

    SegmentBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing, NodeIdentity node,
            ClusterProperties cluster) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.node = node;
        this.cluster = cluster;
    }

    @Scheduled(fixedDelayString = "${peerjournal.cluster.balance-interval:PT2S}",
            initialDelayString = "${peerjournal.cluster.balance-interval:PT2S}")
    void balance() {
        Instant now = Instant.now();
        Map<String, StreamingEventProcessor> running = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                running.put(name, streaming);
            } else {
                leave(name);
            }
        });
        heartbeat(running.keySet(), now);
        running.forEach((name, streaming) -> releaseSurplus(name, streaming, now));
    }

    /** A node that stops leaves at once, rather than counting as a member until its heartbeat is stale. */
    @PreDestroy
    void leaveAll() {
        jdbc.update("delete from processor_member where node_id = ?", node.id());
    }

    private void releaseSurplus(String name, StreamingEventProcessor processor, Instant now) {
        var mine = processor.processingStatus();
        Set<Integer> held = Set.copyOf(mine.keySet());
        Set<Integer> before = heldAtLastLook.put(name, held);
        if (before == null || !before.containsAll(held)) {
            lastGained.put(name, now);
        }
        Instant heardSince = latest(now.minus(cluster.nodeTimeout()), lastGained.get(name));
        List<String> members = jdbc.queryForList("select node_id from processor_member where processor_name = ?"
                + " and (node_id = ? or last_seen > ?)", String.class, name, node.id(), Timestamp.from(heardSince));
        if (members.size() < 2) {
            return;
        }
        Map<String, Integer> heldBy = new HashMap<>();
        jdbc.query("select owner, count(*) from token_entry where processor_name = ? and owner is not null"
                + " group by owner", rs -> {
                    heldBy.put(rs.getString(1), rs.getInt(2));
                }, name);
        String poorest = members.stream().filter(member -> !member.equals(node.id()))
                .min((a, b) -> heldBy.getOrDefault(a, 0) - heldBy.getOrDefault(b, 0)).orElseThrow();
        int theirs = heldBy.getOrDefault(poorest, 0);
        if (mine.size() - theirs >= 2) {
            int segment = mine.keySet().iterator().next();
            log.info("Node {} releases segment {} of {} to even the share ({} held here, {} by {})", node.id(),
                    segment, name, mine.size(), theirs, poorest);
            processor.releaseSegment(segment);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    /**
     * One statement for all of this node's running processors: one commit a round rather than one per processor (on
     * H2 every commit writes its pages to the file, and other commits wait meanwhile). A processor without a row yet
     * joins with its own insert.
     */
    private void heartbeat(Set<String> processors, Instant now) {
        if (processors.isEmpty()) {
            return;
        }
        List<Object> arguments = new ArrayList<>(List.of(Timestamp.from(now), node.id()));
        arguments.addAll(processors);
        int updated = jdbc.update("update processor_member set last_seen = ? where node_id = ? and processor_name in ("
                + String.join(", ", Collections.nCopies(processors.size(), "?")) + ")", arguments.toArray());
        if (updated < processors.size()) {
            Set<String> members = Set.copyOf(jdbc.queryForList("select processor_name from processor_member"
                    + " where node_id = ?", String.class, node.id()));
            processors.stream().filter(processor -> !members.contains(processor))
                    .forEach(processor -> join(processor, now));
        }
    }

    private void join(String processor, Instant now) {
        try {
            jdbc.update("insert into processor_member (processor_name, node_id, last_seen) values (?, ?, ?)",
                    processor, node.id(), Timestamp.from(now));
        } catch (DuplicateKeyException raced) {
            // inserted by a concurrent heartbeat of this node: nothing to do
        }
    }

    private void leave(String processor) {
        heldAtLastLook.remove(processor);
        jdbc.update("delete from processor_member where processor_name = ? and node_id = ?", processor, node.id());
    }
}
