package org.peerjournal.query.timeline;

import org.peerjournal.shared.journal.query.FindJournalTimelineQuery;
import org.springframework.data.jpa.domain.Specification;

/** Turns a timeline query's filters into a JPA criteria specification. */
final class TimelineFilter {

    private TimelineFilter() {
    }

    static Specification<TimelineEntryRecord> of(FindJournalTimelineQuery query) {
        Specification<TimelineEntryRecord> spec = (root, q, cb) -> cb.equal(root.get("journalId"), query.journalId());
        if (query.from() != null) {
            spec = spec.and((root, q, cb) -> cb.greaterThanOrEqualTo(root.get("occurredAt"), query.from()));
        }
        if (query.to() != null) {
            spec = spec.and((root, q, cb) -> cb.lessThan(root.get("occurredAt"), query.to()));
        }
        if (query.types() != null && !query.types().isEmpty()) {
            spec = spec.and((root, q, cb) -> root.get("entryType").in(query.types()));
        }
        if (!query.includeRetracted()) {
            spec = spec.and((root, q, cb) -> cb.isFalse(root.get("retracted")));
        }
        return spec;
    }
}
