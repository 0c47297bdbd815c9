package org.peerjournal.app.cluster;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The replays under way, in the shared database ({@code projection_replay}): one row per processor being replayed,
 * naming the node that asked. A row older than the replay timeout was left by a node that died; it is ignored and
 * may be replaced.
 */
@Component
class ReplayRequests {

    private final JdbcTemplate jdbc;
    private final NodeIdentity node;
    private final ClusterProperties cluster;
    private final Clock clock = Clock.systemUTC();

    ReplayRequests(JdbcTemplate jdbc, NodeIdentity node, ClusterProperties cluster) {
        this.jdbc = jdbc;
        this.node = node;
        this.cluster = cluster;
    }

    /** Records that this node replays the processor; false if a replay of it is under way already. */
    boolean begin(String processor) {
        Instant now = clock.instant();
        jdbc.update("delete from projection_replay where processor_name = ? and requested_at < ?", processor,
                Timestamp.from(abandonedBefore(now)));
        try {
            jdbc.update("insert into projection_replay (processor_name, requested_by, requested_at) values (?, ?, ?)",
                    processor, node.id(), Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException underWay) {
            return false;
        }
    }

    void end(String processor) {
        jdbc.update("delete from projection_replay where processor_name = ? and requested_by = ?", processor,
                node.id());
    }

    /** The processors other nodes are replaying now, which this node must leave alone meanwhile. */
    Set<String> byOtherNodes() {
        return new HashSet<>(jdbc.queryForList("select processor_name from projection_replay"
                        + " where requested_by <> ? and requested_at >= ?", String.class, node.id(),
                Timestamp.from(abandonedBefore(clock.instant()))));
    }

    private Instant abandonedBefore(Instant now) {
        return now.minus(cluster.replayTimeout().multipliedBy(2));
    }
}
