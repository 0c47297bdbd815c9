package org.peerjournal.query.operations;

import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModelProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Counts stored events per type and what each projection holds for that type (one projected row per event). */
@Component
class Reconciler {

    private final JdbcTemplate jdbc;
    /** Per event type, what each read model holds for it: from the read models' own declarations. */
    private final Map<Class<?>, List<ProjectionMeasure>> measures;

    Reconciler(JdbcTemplate jdbc, List<ReadModelProjection> projections) {
        this.jdbc = jdbc;
        this.measures = projections.stream().map(ReadModelProjection::readModel)
                .sorted(Comparator.comparing(ReadModel::name))
                .flatMap(model -> model.measures().entrySet().stream().flatMap(entry -> entry.getValue().stream()
                        .map(measure -> Map.entry(entry.getKey(), new ProjectionMeasure(model.name(), measure)))))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    Reconciliation reconcile() {
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("select payload_type, count(*) from domain_event_entry group by payload_type",
                rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                });
        List<Reconciliation.EventTypeCheck> checks = measures.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.getSimpleName().compareTo(b.getSimpleName())))
                .map(entry -> check(entry.getKey(), stored.getOrDefault(entry.getKey().getName(), 0L),
                        entry.getValue()))
                .toList();
        boolean consistent = checks.stream().allMatch(Reconciliation.EventTypeCheck::consistent);
        return new Reconciliation(consistent, Instant.now().truncatedTo(ChronoUnit.MILLIS), checks);
    }

    private Reconciliation.EventTypeCheck check(Class<?> eventType, long stored, List<ProjectionMeasure> measures) {
        List<Reconciliation.ProjectionCount> counts = measures.stream().map(measure -> {
            long projected = jdbc.queryForObject(measure.measure().sql(), Long.class);
            return new Reconciliation.ProjectionCount(measure.projection(), measure.measure().describe(), projected,
                    projected == stored);
        }).toList();
        return new Reconciliation.EventTypeCheck(eventType.getSimpleName(), stored, counts,
                counts.stream().allMatch(Reconciliation.ProjectionCount::consistent));
    }

    private record ProjectionMeasure(String projection, ReadModel.Measure measure) {
    }
}
