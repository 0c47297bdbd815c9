package org.peerjournal.query.operations;

import org.peerjournal.query.projection.ReadModel;
import org.peerjournal.query.projection.ReadModelProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares, per projection, the events it has processed with what it holds for them (one projected row, or one
 * marked row, per event).
 */
@Component
public class Reconciler {

    private final JdbcTemplate jdbc;
    /** Per event type, what each read model holds for it: from the read models' own declarations. */
    private final Map<Class<?>, List<Measure>> measures;
    /** Per projection, the database its tables and tokens live in. */
    private final ProcessorDatabases databases;
    private final ProcessedEvents processedEvents;

    Reconciler(JdbcTemplate jdbc, List<ReadModelProjection> projections, ProcessorDatabases databases,
            ProcessedEvents processedEvents) {
        this.jdbc = jdbc;
        this.measures = projections.stream().map(ReadModelProjection::readModel)
                .sorted(Comparator.comparing(ReadModel::name))
                .flatMap(model -> model.measures().entrySet().stream().flatMap(entry -> entry.getValue().stream()
                        .map(measure -> Map.entry(entry.getKey(), new Measure(model.name(), measure)))))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        this.databases = databases;
        this.processedEvents = processedEvents;
    }

    /**
     * Per projection, its tokens and the rows it holds in one snapshot of its database, and the events those tokens
     * say it processed. Events stored but not yet processed make no difference, so a projection that is
     * merely behind is consistent; only a row lost or applied twice is not.
     */
    public Reconciliation reconcile() {
        Map<Measure, Reconciliation.ProjectionCount> counts = new IdentityHashMap<>();
        measures.values().stream().flatMap(List::stream).map(Measure::projection).distinct()
                .forEach(projection -> counts.putAll(count(projection)));
        // Counted last, so it includes at least every event a projection said it processed.
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("select payload_type, count(*) from domain_event_entry group by payload_type",
                rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                });
        List<Reconciliation.EventTypeCheck> checks = measures.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.getSimpleName().compareTo(b.getSimpleName())))
                .map(entry -> {
                    List<Reconciliation.ProjectionCount> ofType = entry.getValue().stream().map(counts::get).toList();
                    return new Reconciliation.EventTypeCheck(entry.getKey().getSimpleName(),
                            stored.getOrDefault(entry.getKey().getName(), 0L), ofType,
                            ofType.stream().allMatch(Reconciliation.ProjectionCount::consistent));
                })
                .toList();
        boolean consistent = checks.stream().allMatch(Reconciliation.EventTypeCheck::consistent);
        return new Reconciliation(consistent, Instant.now().truncatedTo(ChronoUnit.MILLIS), checks);
    }

    /** Each measure of the projection, against the events of its type processed as of the same snapshot. */
    private Map<Measure, Reconciliation.ProjectionCount> count(String projection) {
        Map<Measure, String> typeOf = new IdentityHashMap<>();
        measures.forEach((type, measures) -> measures.stream()
                .filter(measure -> measure.projection().equals(projection))
                .forEach(measure -> typeOf.put(measure, type.getName())));
        Map<Measure, Long> projected = new IdentityHashMap<>();
        ProcessedEvents.Tokens tokens = databases.of(projection).inSnapshot(tables -> {
            typeOf.keySet().forEach(measure -> projected.put(measure,
                    tables.queryForObject(measure.sql(), Long.class)));
            return processedEvents.tokens(tables, projection);
        });
        Map<String, Long> processed = processedEvents.of(tokens, Set.copyOf(typeOf.values()));
        Map<Measure, Reconciliation.ProjectionCount> counts = new IdentityHashMap<>();
        typeOf.forEach((measure, type) -> {
            long events = processed.getOrDefault(type, 0L);
            long rows = projected.get(measure);
            counts.put(measure, new Reconciliation.ProjectionCount(projection, measure.describe(), events, rows,
                    rows == events));
        });
        return counts;
    }

    /** What one read model holds for an event type, as its projection declared it. */
    private record Measure(String projection, ReadModel.Measure declared) {

        String describe() {
            return declared.describe();
        }

        String sql() {
            return declared.sql();
        }
    }
}
