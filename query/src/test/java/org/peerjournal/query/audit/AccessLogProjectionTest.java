package org.peerjournal.query.audit;

import org.junit.jupiter.api.Test;
import org.peerjournal.query.projection.ProjectionTest;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.audit.FindAccessLogQuery;
import org.peerjournal.shared.audit.FindAccessesQuery;
import org.peerjournal.shared.audit.JournalContentReadEvent;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.peerjournal.shared.paging.PageRequest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogProjectionTest extends ProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Actor CARL = new Actor("carl", Role.CLINICIAN, "north");

    @Autowired
    private AccessLogProjection accessLog;

    @Test
    void anAnswerShowingSeveralJournalsIsOneRowPerJournalEachWithTheReaderAndTheTime() {
        UUID berit = UUID.randomUUID();
        UUID adam = UUID.randomUUID();
        JournalsShownEvent list = journalList(berit, adam);
        handle(() -> accessLog.on(list, event(T0, CARL, list)));
        JournalContentReadEvent read = new JournalContentReadEvent(berit, "north", "TIMELINE");
        handle(() -> accessLog.on(read, event(T0.plusSeconds(60), CARL, read)));

        assertThat(log(berit, null)).containsExactly(
                new AccessLogEntry(T0, "carl", "CLINICIAN", "north", "JOURNAL_LIST", berit),
                new AccessLogEntry(T0.plusSeconds(60), "carl", "CLINICIAN", "north", "TIMELINE", berit));
        assertThat(log(adam, null)).extracting(AccessLogEntry::action).containsExactly("JOURNAL_LIST");
        assertThat(query(() -> accessLog.handle(new FindAccessesQuery(T0.plusSeconds(30), T0.plusSeconds(90)))))
                .extracting(AccessLogEntry::action).containsExactly("TIMELINE");
    }

    @Test
    void theEntriesOfABatchAreInsertedTogetherWhenItCommits() {
        UUID berit = UUID.randomUUID();
        UUID adam = UUID.randomUUID();
        JournalsShownEvent list = journalList(berit, adam);
        JournalContentReadEvent read = new JournalContentReadEvent(berit, "north", "TIMELINE");

        handle(() -> {
            accessLog.on(list, event(T0, CARL, list));
            accessLog.on(read, event(T0.plusSeconds(60), CARL, read));
            assertThat(rows("select count(*) from access_log")).as("rows before the batch commits").isZero();
        });

        assertThat(log(berit, null)).extracting(AccessLogEntry::action).containsExactly("JOURNAL_LIST", "TIMELINE");
        assertThat(log(adam, null)).extracting(AccessLogEntry::action).containsExactly("JOURNAL_LIST");
    }

    @Test
    void pagesTheLogOfAJournal() {
        UUID journal = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            JournalContentReadEvent read = new JournalContentReadEvent(journal, "north", "TIMELINE");
            Instant at = T0.plusSeconds(i);
            handle(() -> accessLog.on(read, event(at, CARL, read)));
        }

        assertThat(log(journal, new PageRequest(0, 2))).hasSize(2);
        assertThat(log(journal, new PageRequest(1, 2))).hasSize(1);
    }

    @Test
    void aReplayEmptiesTheLog() {
        JournalContentReadEvent read = new JournalContentReadEvent(UUID.randomUUID(), "north", "TIMELINE");
        handle(() -> accessLog.on(read, event(T0, CARL, read)));

        resetForReplay(accessLog);

        assertThat(rows("select count(*) from access_log")).isZero();
    }

    private static JournalsShownEvent journalList(UUID... journals) {
        return new JournalsShownEvent("JOURNAL_LIST",
                Stream.of(journals).map(journal -> new JournalsShownEvent.Shown(journal, "north")).toList());
    }

    private List<AccessLogEntry> log(UUID journal, PageRequest page) {
        return query(() -> accessLog.handle(new FindAccessLogQuery(journal, null, null, page))).items();
    }
}
