package org.peerjournal.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.peerjournal.query.audit.AccessLog;
import org.peerjournal.query.policy.ReadPolicy;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.CurrentActor;
import org.peerjournal.shared.escalation.EscalationStatus;
import org.peerjournal.shared.escalation.EscalationView;
import org.peerjournal.shared.escalation.FindEscalationsQuery;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The escalation queue of a team, and its live stream. Open streams are ended when the service stops (before the
 * web server's graceful shutdown, which would otherwise wait its whole grace period for them); clients reconnect.
 */
@RestController
@RequestMapping("/api/escalations")
@Tag(name = "Safety escalations")
class EscalationQueryController implements SmartLifecycle {

    /** Clients (EventSource) reconnect after this; it bounds how long a forgotten stream holds resources. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    /** A comment line this often keeps proxies from closing an idle stream and reveals departed clients. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final QueryGateway queryGateway;
    private final CurrentActor currentActor;
    private final AccessLog accessLog;
    private final Set<SseEmitter> openStreams = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    EscalationQueryController(QueryGateway queryGateway, CurrentActor currentActor, AccessLog accessLog) {
        this.queryGateway = queryGateway;
        this.currentActor = currentActor;
        this.accessLog = accessLog;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The team's escalations: overdue first, then by deadline (members of the team)")
    List<EscalationView> queue(@RequestParam(required = false) String teamId,
            @RequestParam(required = false) EscalationStatus status) {
        Actor actor = currentActor.get();
        return accessLog.escalationQueue(actor, queryGateway.query(new FindEscalationsQuery(teamOf(teamId), status),
                ResponseTypes.multipleInstancesOf(EscalationView.class)).join());
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live stream (server-sent events) of the team's escalations as they change")
    SseEmitter stream(@RequestParam(required = false) String teamId) {
        Actor holder = currentActor.get();
        String team = teamOf(teamId);
        SubscriptionQueryResult<List<EscalationView>, EscalationView> subscription = queryGateway.subscriptionQuery(
                new FindEscalationsQuery(team, null), ResponseTypes.multipleInstancesOf(EscalationView.class),
                ResponseTypes.instanceOf(EscalationView.class));
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        Flux<SseEmitter.SseEventBuilder> events = Flux.merge(
                // Off the projection's thread (its unit of work has committed: no events may be stored on it), each
                // change is logged as shown to the stream's holder before it is sent; if it cannot be, the stream ends.
                subscription.updates().publishOn(Schedulers.boundedElastic())
                        .map(view -> accessLog.escalationStreamed(holder, view)).map(view -> SseEmitter.event().name("escalation")
                        .id(view.escalationId() + ":" + view.change()).data(view, MediaType.APPLICATION_JSON)),
                Flux.interval(HEARTBEAT).map(tick -> SseEmitter.event().comment("heartbeat")));
        Disposable forwarding = events.subscribe(event -> send(emitter, event), emitter::completeWithError);
        Runnable close = () -> {
            openStreams.remove(emitter);
            forwarding.dispose();
            subscription.cancel();
        };
        openStreams.add(emitter);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        send(emitter, SseEmitter.event().name("subscribed").data(Map.of("teamId", team),
                MediaType.APPLICATION_JSON));
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        openStreams.forEach(SseEmitter::complete);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private String teamOf(String teamId) {
        return ReadPolicy.requireTeamMember(currentActor.get(), teamId, "escalations");
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException departed) {
            emitter.completeWithError(departed);
        }
    }
}
