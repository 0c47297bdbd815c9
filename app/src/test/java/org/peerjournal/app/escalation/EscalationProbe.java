package org.peerjournal.app.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.peerjournal.app.support.ApiClient;
import org.peerjournal.app.support.ApiResponse;
import org.peerjournal.app.support.JournalApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one journal holds, as the write side (its event stream) and the two read sides that show escalations (the
 * timeline and the team's queue) tell it. The store is shared by every end-to-end test, so everything here is
 * filtered to one journal.
 */
final class EscalationProbe {

    /** Stands for "no credentials" in the tables of the tests. */
    static final String ANONYMOUS = "anonymous";
    static final Duration PROJECTION_WAIT = Duration.ofSeconds(10);

    private final ApiClient anonymous;
    private final JournalApi journals;
    private final EventStore eventStore;

    EscalationProbe(ApiClient anonymous, EventStore eventStore) {
        this.anonymous = anonymous;
        this.journals = new JournalApi(anonymous);
        this.eventStore = eventStore;
    }

    ApiClient client(String user) {
        return ANONYMOUS.equals(user) ? anonymous : anonymous.as(user);
    }

    /** Raises an escalation as anna (PSW, north); answers its id. */
    String raise(String journalId, String severity) {
        return journals.raiseEscalation(journalId, severity).body().get("escalationId").asText();
    }

    /** Acknowledges as the given clinical user and expects it to succeed. */
    void acknowledge(String user, String journalId, String escalationId) {
        ApiResponse response = journals.acknowledge(user, journalId, escalationId, "Called the patient.");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** Resolves as the given clinical user and expects it to succeed. */
    void resolve(String user, String journalId, String escalationId) {
        ApiResponse response = journals.resolve(user, journalId, escalationId, "Crisis plan agreed.");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    long storedEvents(String journalId) {
        return eventStore.readEvents(journalId).asStream().count();
    }

    /** The journal's escalations in the team queue as {@code user} sees it, in queue order. */
    List<JsonNode> queue(String user, String journalId, String query) {
        ApiResponse response = client(user).getAllPages("/api/escalations" + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> ours = new ArrayList<>();
        response.body().forEach(entry -> {
            if (entry.get("journalId").asText().equals(journalId)) {
                ours.add(entry);
            }
        });
        return ours;
    }

    List<JsonNode> queue(String journalId) {
        return queue("clara", journalId, "");
    }

    /** Every entry of the journal's timeline as clara sees it, newest first; none while it is not projected yet. */
    List<JsonNode> timeline(String journalId, String query) {
        ApiResponse response = journals.timeline("clara", journalId, "size=200" + (query.isEmpty() ? "" : "&" + query));
        if (response.status() == 404) {
            return List.of();
        }
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        response.body().get("entries").forEach(entries::add);
        return entries;
    }

    /** The escalation's entry in the journal's timeline, or null while the timeline does not show it. */
    JsonNode timelineEntry(String journalId, String escalationId) {
        return timeline(journalId, "types=ESCALATION").stream()
                .filter(entry -> entry.get("entryId").asText().equals(escalationId))
                .findFirst()
                .orElse(null);
    }

    /** The escalation's entry in north's queue as clara sees it, or null while the queue does not show it. */
    JsonNode queueEntry(String journalId, String escalationId) {
        return queue(journalId).stream()
                .filter(entry -> entry.get("escalationId").asText().equals(escalationId))
                .findFirst()
                .orElse(null);
    }

    Map<String, String> queueStatuses(String journalId) {
        Map<String, String> statuses = new LinkedHashMap<>();
        queue(journalId).forEach(entry -> statuses.put(entry.get("escalationId").asText(),
                entry.get("status").asText()));
        return statuses;
    }

    Map<String, String> timelineStatuses(String journalId) {
        Map<String, String> statuses = new LinkedHashMap<>();
        timeline(journalId, "").forEach(entry -> statuses.put(entry.get("entryId").asText(),
                entry.get("status").asText()));
        return statuses;
    }

    /**
     * Waits until the timeline and the queue both show exactly these escalations in these statuses, and answers
     * the journal's state for {@link #assertNothingStored}.
     */
    JournalState awaitSettled(String journalId, Map<String, String> statuses) {
        // The timeline answers 404 until it has seen the journal opened; "no entries" must mean an empty journal.
        await().atMost(PROJECTION_WAIT).until(() -> journals.timeline("clara", journalId, "").status() == 200);
        await().atMost(PROJECTION_WAIT).until(() -> queueStatuses(journalId).equals(statuses)
                && timelineStatuses(journalId).equals(statuses));
        return new JournalState(journalId, storedEvents(journalId), Map.copyOf(statuses));
    }

    /**
     * A rejected request stored nothing: the journal's event stream has no new event, and the read sides show
     * what they showed before. Projections are asynchronous, so a marker escalation is raised afterwards: once
     * both read sides show it, they have handled every earlier event of the journal (one stream, in order), and
     * anything the rejected request had stored would be visible by then.
     */
    void assertNothingStored(JournalState before) {
        String journalId = before.journalId();
        assertThat(storedEvents(journalId)).as("events stored in journal %s", journalId)
                .isEqualTo(before.storedEvents());
        String marker = raise(journalId, "ROUTINE");
        await().atMost(PROJECTION_WAIT).until(() -> queueStatuses(journalId).containsKey(marker)
                && timelineStatuses(journalId).containsKey(marker));
        Map<String, String> expected = new LinkedHashMap<>(before.statuses());
        expected.put(marker, "OPEN");
        assertThat(queueStatuses(journalId)).as("the queue").containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(timelineStatuses(journalId)).as("the timeline").containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** A journal's stored event count and its escalations' statuses (on both read sides) at one moment. */
    record JournalState(String journalId, long storedEvents, Map<String, String> statuses) {
    }
}
