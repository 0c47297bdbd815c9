package org.peerjournal.app.cluster;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each balancing round records this node's heartbeat for every processor it runs, joining those without a row. */
class HeartbeatIT extends ApiIntegrationTest {

    @Autowired
    SegmentBalancer balancer;
    @Autowired
    NodeIdentity node;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aRoundJoinsTheMissingProcessorsAndRenewsEveryHeartbeat() {
        List<String> running = processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor streaming
                        && streaming.isRunning())
                .map(entry -> entry.getKey()).sorted().toList();
        assertThat(running).contains("timeline", "journal-directory");
        Timestamp longAgo = Timestamp.valueOf("2000-01-01 00:00:00");
        jdbc.update("delete from processor_member where node_id = ? and processor_name = ?", node.id(), "timeline");
        jdbc.update("update processor_member set last_seen = ? where node_id = ?", longAgo, node.id());

        balancer.balance();

        assertThat(jdbc.queryForList("select processor_name from processor_member where node_id = ?"
                + " and last_seen > ? order by processor_name", String.class, node.id(), longAgo))
                .containsExactlyElementsOf(running);
    }
}
