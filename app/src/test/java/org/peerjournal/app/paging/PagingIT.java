package org.peerjournal.app.paging;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.ApiIntegrationTest;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every list is answered one page at a time (size 1..200, default 50), with a {@code Link rel="next"} header while
 * more follow; walking the pages yields each entry exactly once. The catalogue of bad page parameters is in
 * BadInputIT.
 */
class PagingIT extends ApiIntegrationTest {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(10);

    @Test
    void theJournalListIsPagedAndWalkingItsPagesShowsEveryJournalOnce() {
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opened.add(journals.openNorthJournal());
        }
        await().atMost(PROJECTION_WAIT).until(() -> as("clara").getAllPages("/api/journals?size=200").body()
                .findValuesAsText("journalId").containsAll(opened));

        ApiResponse firstPage = as("clara").get("/api/journals?size=2");
        assertThat(firstPage.body()).hasSize(2);
        assertThat(firstPage.nextPage()).hasValueSatisfying(next -> assertThat(next).contains("page=1", "size=2"));
        assertThat(as("clara").get("/api/journals").body().size()).isLessThanOrEqualTo(50);

        List<String> walked = as("clara").getAllPages("/api/journals?size=7").body().findValuesAsText("journalId");
        List<String> inOnePage = as("clara").getAllPages("/api/journals?size=200").body()
                .findValuesAsText("journalId");
        assertThat(walked).doesNotHaveDuplicates().containsAll(opened).isEqualTo(inOnePage);
    }

    @Test
    void theLastPageHasNoNextLink() {
        ApiResponse all = as("clara").getAllPages("/api/journals?size=200");
        int pages = (all.body().size() + 199) / 200;

        ApiResponse last = as("clara").get("/api/journals?size=200&page=" + (pages - 1));
        assertThat(last.nextPage()).isEmpty();
        assertThat(as("clara").get("/api/journals?size=200&page=" + pages).body()).isEmpty();
    }

    @Test
    void theEscalationQueueIsPaged() {
        String journalId = journals.openNorthJournal();
        for (int i = 0; i < 3; i++) {
            assertThat(as("anna").post("/api/journals/" + journalId + "/escalations",
                    JournalApi.escalation("ROUTINE")).status()).isEqualTo(201);
        }
        await().atMost(PROJECTION_WAIT).until(() -> as("clara").getAllPages("/api/escalations?size=200").body()
                .findValuesAsText("journalId").stream().filter(journalId::equals).count() == 3);

        ApiResponse firstPage = as("clara").get("/api/escalations?size=2");
        assertThat(firstPage.body()).hasSize(2);
        assertThat(firstPage.nextPage()).isPresent();
        List<String> walked = as("clara").getAllPages("/api/escalations?size=3").body()
                .findValuesAsText("escalationId");
        assertThat(walked).doesNotHaveDuplicates()
                .isEqualTo(as("clara").getAllPages("/api/escalations?size=200").body()
                        .findValuesAsText("escalationId"));
    }

    @Test
    void theEventsOfAJournalArePagedBySequenceNumber() {
        String journalId = journals.openNorthJournal();
        for (int i = 0; i < 4; i++) {
            journals.recordNote(journalId, "Note " + i);
        }
        String events = "/api/audit/journals/" + journalId + "/events?size=2&page=";

        List<Long> sequences = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode body = as("eva").get(events + page).body();
            assertThat(body.get("totalEvents").asLong()).isEqualTo(5);
            body.get("events").forEach(event -> sequences.add(event.get("sequence").asLong()));
        }
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(as("eva").get(events + 3).body().get("events")).isEmpty();
    }

    @Test
    void theAccessLogIsPagedOldestFirst() {
        String journalId = journals.openNorthJournal();
        for (int i = 0; i < 3; i++) {
            assertThat(journals.timeline("clara", journalId, "").status()).isEqualTo(200);
        }
        String accessLog = "/api/audit/journals/" + journalId + "/access-log";
        await().atMost(PROJECTION_WAIT).until(() -> as("eva").getAllPages(accessLog + "?size=200").body().size() >= 3);

        ApiResponse firstPage = as("eva").get(accessLog + "?size=2");
        assertThat(firstPage.body()).hasSize(2);
        assertThat(firstPage.nextPage()).isPresent();
        // Each request above is itself a read: compare the walk with one page taken right after it, up to its length.
        JsonNode walked = as("eva").getAllPages(accessLog + "?size=2").body();
        JsonNode onePage = as("eva").get(accessLog + "?size=200").body();
        assertThat(walked.size()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < walked.size(); i++) {
            assertThat(onePage.get(i)).isEqualTo(walked.get(i));
        }
    }
}
