package org.peerjournal.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.query.policy.ReadPolicy;
import org.peerjournal.query.stream.LiveEscalationStreams;
import org.peerjournal.query.stream.LiveStream;
import org.peerjournal.query.stream.StreamItem;
import org.peerjournal.query.stream.StreamProperties;
import org.peerjournal.query.stream.StreamSink;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.EscalationView;
import org.peerjournal.shared.escalation.EscalationViewPage;
import org.peerjournal.shared.escalation.FindEscalationQueuePageQuery;
import org.peerjournal.shared.escalation.FindEscalationsQuery;
import org.peerjournal.shared.journal.JournalLimits;
import org.peerjournal.shared.paging.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The escalation queue of a team, and its live stream (fed by {@link LiveEscalationStreams}). */
@RestController
@RequestMapping("/api/escalations")
@Tag(name = "Safety escalations")
class EscalationQueryController {

    private final QueryGateway queryGateway;
    private final CurrentActor currentActor;
    private final AccessLog accessLog;
    private final LiveEscalationStreams streams;
    private final StreamProperties streamProperties;

    EscalationQueryController(QueryGateway queryGateway, CurrentActor currentActor, AccessLog accessLog,
            LiveEscalationStreams streams, StreamProperties streamProperties) {
        this.queryGateway = queryGateway;
        this.currentActor = currentActor;
        this.accessLog = accessLog;
        this.streams = streams;
        this.streamProperties = streamProperties;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The team's escalations: overdue first, then by deadline (members of the team); paged,"
            + " a Link header with rel=\"next\" when more follow")
    ResponseEntity<List<EscalationView>> queue(@RequestParam(required = false) String teamId,
            @RequestParam(required = false) EscalationStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = PagedAnswer.DEFAULT_SIZE) @Min(1) @Max(JournalLimits.MAX_PAGE_SIZE) int size) {
        Actor actor = currentActor.get();
        PageRequest request = new PageRequest(page, size);
        EscalationViewPage queue = queryGateway.query(new FindEscalationQueuePageQuery(teamOf(teamId), status,
                request), ResponseTypes.instanceOf(EscalationViewPage.class)).join();
        accessLog.escalationQueue(actor, queue.items());
        return PagedAnswer.answer(queue, request);
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live stream (server-sent events) of the team's escalations as they change;"
            + " 429 when the user or the node holds as many streams as allowed")
    SseEmitter stream(@RequestParam(required = false) String teamId) {
        Actor holder = currentActor.get();
        String team = teamOf(teamId);
        SseEmitter emitter = new SseEmitter(streamProperties.lifetime().toMillis());
        LiveStream stream = streams.open(holder.userId(), team, new SseSink(emitter, holder, accessLog),
                new StreamItem("subscribed", null, Map.of("teamId", team)));
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(error -> stream.close());
        return emitter;
    }

    private String teamOf(String teamId) {
        return ReadPolicy.requireTeamMember(currentActor.get(), teamId, "escalations");
    }

    /**
     * Writes stream items as server-sent events, on the stream's own sender thread (never the projection's). Each
     * change is logged as shown to the stream's holder before it is sent; if it cannot be, the stream ends.
     */
    static final class SseSink implements StreamSink {

        private final SseEmitter emitter;
        private final Actor holder;
        private final AccessLog accessLog;
        /** A write failed: the client left, and the container ends the request itself. */
        private volatile boolean departed;

        SseSink(SseEmitter emitter, Actor holder, AccessLog accessLog) {
            this.emitter = emitter;
            this.holder = holder;
            this.accessLog = accessLog;
        }

        @Override
        public void send(StreamItem item) throws IOException {
            try {
                write(item);
            } catch (IOException clientLeft) {
                departed = true;
                throw clientLeft;
            }
        }

        private void write(StreamItem item) throws IOException {
            if (item.isHeartbeat()) {
                emitter.send(SseEmitter.event().comment("heartbeat"));
                return;
            }
            if (item.data() instanceof EscalationView change) {
                accessLog.escalationStreamed(holder, change);
            }
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(item.name());
            if (item.id() != null) {
                event.id(item.id());
            }
            emitter.send(event.data(item.data(), MediaType.APPLICATION_JSON));
        }

        /**
         * Completes the request, unless a write failed: the container then tells Spring MVC, which completes it
         * (Spring's {@code ResponseBodyEmitter#complete} is not to be called after an error while sending; done
         * anyway, it races the container's notice).
         */
        @Override
        public void close() {
            if (departed) {
                return;
            }
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyEnded) {
                // The container ended the request first (the connection failed): there is nothing left to complete.
            }
        }
    }
}
