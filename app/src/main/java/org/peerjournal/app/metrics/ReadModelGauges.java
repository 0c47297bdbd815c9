package org.peerjournal.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.peerjournal.query.operations.ProjectionStatus;
import org.peerjournal.query.operations.Projections;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Gauges read from the database and the event processors, refreshed on a schedule rather than on every scrape, so
 * a scraper polling often costs the database a handful of grouped counts per interval. They describe the shared
 * store, so every node reports the same values (alert on the maximum over nodes, not on the sum).
 */
@Component
class ReadModelGauges {

    static final List<String> STATES = List.of("RUNNING", "REPLAYING", "ERROR", "STOPPED");

    private final Projections projections;
    private final JdbcTemplate jdbc;
    private final MultiGauge projectionLag;
    private final MultiGauge projectionState;
    private final MultiGauge escalations;
    private final MultiGauge notifications;
    private final MultiGauge storedEvents;
    private final MultiGauge integrity;

    ReadModelGauges(Projections projections, JdbcTemplate jdbc, MeterRegistry registry) {
        this.projections = projections;
        this.jdbc = jdbc;
        projectionLag = MultiGauge.builder("peerjournal.projection.lag").baseUnit("events")
                .description("Events stored but not yet processed by the projection (its slowest segment)")
                .register(registry);
        projectionState = MultiGauge.builder("peerjournal.projection.state")
                .description("1 for the projection's current state, 0 for the others").register(registry);
        escalations = MultiGauge.builder("peerjournal.escalations")
                .description("Escalations not resolved yet, per team and status; overdue=true past their deadline")
                .register(registry);
        notifications = MultiGauge.builder("peerjournal.notifications")
                .description("Webhook notifications per delivery status").register(registry);
        storedEvents = MultiGauge.builder("peerjournal.event.store.events").baseUnit("events")
                .description("Events in the event store (its highest global index plus one)").register(registry);
        integrity = MultiGauge.builder("peerjournal.integrity")
                .description("unsealed: chained events after the Merkle tree's last leaf; checkpoint-age-seconds:"
                        + " since the newest signed checkpoint").register(registry);
    }

    @Scheduled(fixedDelayString = "${peerjournal.metrics.refresh-interval:PT15S}")
    void refresh() {
        List<MultiGauge.Row<?>> lag = new ArrayList<>();
        List<MultiGauge.Row<?>> state = new ArrayList<>();
        for (ProjectionStatus status : projections.statuses()) {
            lag.add(MultiGauge.Row.of(Tags.of("projection", status.name()), status.lag()));
            for (String candidate : STATES) {
                state.add(MultiGauge.Row.of(Tags.of("projection", status.name(), "state", candidate),
                        candidate.equals(status.state()) ? 1 : 0));
            }
        }
        projectionLag.register(lag, true);
        projectionState.register(state, true);
        escalations.register(jdbc.query("select team_id, status, overdue, count(*) from escalation_queue"
                + " where status <> 'RESOLVED' group by team_id, status, overdue",
                (row, n) -> MultiGauge.Row.of(Tags.of("team", row.getString(1), "status", row.getString(2),
                        "overdue", Boolean.toString(row.getBoolean(3))), row.getLong(4))), true);
        notifications.register(jdbc.query("select status, count(*) from notification_outbox group by status",
                (row, n) -> MultiGauge.Row.of(Tags.of("status", row.getString(1)), row.getLong(2))), true);
        Long highest = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        storedEvents.register(List.of(MultiGauge.Row.of(Tags.empty(), highest == null ? 0 : highest + 1)), true);
        Long unsealed = jdbc.queryForObject("select count(*) from event_chain where global_index >"
                + " coalesce((select max(global_index) from merkle_leaf), -1)", Long.class);
        Timestamp newest = jdbc.queryForObject("select max(created_at) from checkpoint", Timestamp.class);
        List<MultiGauge.Row<?>> chain = new ArrayList<>();
        chain.add(MultiGauge.Row.of(Tags.of("measure", "unsealed"), unsealed == null ? 0 : unsealed));
        if (newest != null) {
            chain.add(MultiGauge.Row.of(Tags.of("measure", "checkpoint-age-seconds"),
                    Duration.between(newest.toInstant(), Instant.now()).toSeconds()));
        }
        integrity.register(chain, true);
    }
}
