package org.peerjournal.query.operations;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How many events of each type a processor has handled, read from its tokens: per segment, the events of that
 * segment up to the segment's position, less those in the gaps its token still waits for. Read the tokens in the
 * same snapshot as the count of what the projection holds, so both describe the same moment; the events counted
 * against them may be read later, in the event store: those a token says were handled were stored before it.
 */
@Component
final class ProcessedEvents {

    private final NamedParameterJdbcTemplate jdbc;
    private final Serializer serializer;

    ProcessedEvents(NamedParameterJdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Events handled by the processor whose tokens these are, per payload type (class name), among these types. */
    Map<String, Long> of(Tokens tokens, Collection<String> payloadTypes) {
        List<Progress> segments = tokens.segments();
        Map<String, Long> processed = new HashMap<>();
        if (segments.isEmpty()) {
            return processed;
        }
        long slowest = segments.stream().mapToLong(Progress::index).min().orElseThrow();
        long fastest = segments.stream().mapToLong(Progress::index).max().orElseThrow();
        Set<Long> gaps = new TreeSet<>();
        segments.forEach(segment -> gaps.addAll(segment.gaps()));
        MapSqlParameterSource parameters = new MapSqlParameterSource("types", payloadTypes)
                .addValue("slowest", slowest).addValue("fastest", fastest)
                .addValue("gaps", gaps.isEmpty() ? List.of(-1L) : gaps);
        // Every segment has handled its events up to the slowest position, gaps aside ...
        jdbc.query("select payload_type, count(*) from domain_event_entry where global_index <= :slowest"
                + " and payload_type in (:types) group by payload_type", parameters,
                rs -> {
                    processed.put(rs.getString(1), rs.getLong(2));
                });
        // ... and beyond it, or in a gap, each event counts if its own segment has handled it.
        jdbc.query("select global_index, aggregate_identifier, payload_type from domain_event_entry"
                + " where payload_type in (:types) and ((global_index > :slowest and global_index <= :fastest)"
                + " or global_index in (:gaps))", parameters, rs -> {
                    long index = rs.getLong(1);
                    String sequence = rs.getString(2);
                    boolean handled = segments.stream().filter(segment -> segment.segment().matches(sequence))
                            .anyMatch(segment -> segment.handled(index));
                    boolean counted = index <= slowest;
                    if (handled != counted) {
                        processed.merge(rs.getString(3), handled ? 1L : -1L, Long::sum);
                    }
                });
        return processed;
    }

    /**
     * Whether every event stored up to {@code head} has been handled: every segment's token at or past it, and no event
     * stored in a gap a token still waits for (a gap left by a write that rolled back holds no event, and stays one).
     * The segments this node processes count where they are ({@code local}), the others where their stored tokens
     * stand.
     */
    boolean handledUpTo(Tokens stored, Map<Integer, EventTrackerStatus> local, long head) {
        List<Progress> segments = stored.segments().stream().map(progress -> {
            EventTrackerStatus here = local.get(progress.segment().getSegmentId());
            return here == null ? progress : Progress.of(progress.segment(), here.getTrackingToken());
        }).toList();
        if (segments.isEmpty() || segments.stream().anyMatch(progress -> progress.index() < head)) {
            return false;
        }
        Set<Long> gaps = new TreeSet<>();
        segments.forEach(progress -> gaps.addAll(progress.gaps().headSet(head + 1)));
        return gaps.isEmpty() || jdbc.queryForObject("select count(*) from domain_event_entry"
                + " where global_index in (:gaps)", new MapSqlParameterSource("gaps", gaps), Long.class) == 0;
    }

    /** The processor's tokens, read from the token table of the database its projection lives in. */
    Tokens tokens(JdbcTemplate tokenTable, String processor) {
        List<Progress> progress = new ArrayList<>();
        storedTokens(tokenTable, processor).forEach((segment, token) -> progress.add(Progress.of(segment, token)));
        return new Tokens(List.copyOf(progress));
    }

    /** The token each segment of the processor has stored (null for a segment that has stored none yet). */
    Map<Segment, TrackingToken> storedTokens(JdbcTemplate tokenTable, String processor) {
        Map<Integer, TrackingToken> stored = new TreeMap<>();
        tokenTable.query("select segment, token, token_type from token_entry where processor_name = ?",
                (RowCallbackHandler) rs -> stored.put(rs.getInt(1), token(rs.getBytes(2), rs.getString(3))), processor);
        int[] ids = stored.keySet().stream().mapToInt(Integer::intValue).toArray();
        Map<Segment, TrackingToken> segments = new LinkedHashMap<>();
        stored.forEach((id, token) -> segments.put(Segment.computeSegment(id, ids), token));
        return segments;
    }

    /** One processor's segments as its tokens stood. */
    record Tokens(List<Progress> segments) {

        /** The lowest position stored for the segments other than these (held by this node); empty if none. */
        OptionalLong lowestExcept(Set<Integer> segmentIds) {
            return segments.stream().filter(progress -> !segmentIds.contains(progress.segment().getSegmentId()))
                    .mapToLong(progress -> Math.max(progress.index(), 0)).min();
        }
    }

    private TrackingToken token(byte[] serialized, String type) {
        if (serialized == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(serialized, byte[].class, type, null));
    }

    /** One segment: the global index it has reached and the lower indices it has not seen yet. */
    private record Progress(Segment segment, long index, SortedSet<Long> gaps) {

        static Progress of(Segment segment, TrackingToken token) {
            TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
            if (reached instanceof GapAwareTrackingToken gapAware) {
                return new Progress(segment, gapAware.getIndex(), gapAware.getGaps());
            }
            long index = reached == null ? -1 : reached.position().orElse(-1);
            return new Progress(segment, index, new TreeSet<>());
        }

        boolean handled(long globalIndex) {
            return globalIndex <= index && !gaps.contains(globalIndex);
        }
    }
}
