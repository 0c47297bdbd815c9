package org.peerjournal.app.support;

import org.axonframework.eventhandling.Segment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.stream.IntStream;

/** What the processors' token table says about segments and the nodes that hold them, for the multi-node tests. */
public final class TokenTable {

    private TokenTable() {
    }

    /** The nodes holding a claim on a segment of the processor, in order. */
    public static List<String> owners(JdbcTemplate jdbc, String processor) {
        return jdbc.queryForList("select distinct owner from token_entry where processor_name = ?"
                + " and owner is not null order by owner", String.class, processor);
    }

    /** The kinds of token the processor's segments have stored (a reset stores replay tokens). */
    public static List<String> tokenTypes(JdbcTemplate jdbc, String processor) {
        return jdbc.queryForList("select token_type from token_entry where processor_name = ?", String.class,
                processor);
    }

    /** The processor's segment a journal's events are processed in: Axon's default, one sequence per aggregate. */
    public static int segmentOf(JdbcTemplate jdbc, String processor, String journalId) {
        // In order: computeSegment sorts the array it is given, in place.
        int[] segments = jdbc.queryForList("select segment from token_entry where processor_name = ? order by segment",
                Integer.class, processor).stream().mapToInt(Integer::intValue).toArray();
        return IntStream.of(segments).filter(id -> Segment.computeSegment(id, segments).matches(journalId))
                .findFirst().orElseThrow();
    }
}
