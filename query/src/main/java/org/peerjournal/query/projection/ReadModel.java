package org.peerjournal.query.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one read model is made of, declared once by its projection: the tables a replay empties, and per event type
 * what the read model holds for each such event. The projection's reset empties {@link #tables()}; the
 * reconciliation counts the {@link #measures()} against the events stored.
 *
 * @param name     the projection (its processing group)
 * @param tables   the tables a replay empties, in this order
 * @param measures per event type, how to count what the read model holds for those events
 */
public record ReadModel(String name, List<String> tables, Map<Class<?>, List<Measure>> measures) {

    public static ReadModel of(String name, String... tables) {
        return new ReadModel(name, List.of(tables), Map.of());
    }

    /** The read model holds these for every event of this type. */
    public ReadModel counts(Class<?> eventType, Measure... perEvent) {
        Map<Class<?>, List<Measure>> all = new LinkedHashMap<>(measures);
        List<Measure> forType = new ArrayList<>(all.getOrDefault(eventType, List.of()));
        forType.addAll(List.of(perEvent));
        all.put(eventType, List.copyOf(forType));
        return new ReadModel(name, tables, all);
    }

    /**
     * What the read model holds for an event type, and the SQL that counts it: constants of the code, never input.
     *
     * @param describe what is counted, e.g. {@code timeline_entry where entry_type = 'NOTE'}
     */
    public record Measure(String describe, String sql) {

        /** One row, or one row matching the condition, per event. */
        public static Measure rows(String table, String condition) {
            String rows = table + (condition == null ? "" : " where " + condition);
            return new Measure(rows, "select count(*) from " + rows);
        }

        public static Measure rows(String table) {
            return rows(table, null);
        }
    }
}
