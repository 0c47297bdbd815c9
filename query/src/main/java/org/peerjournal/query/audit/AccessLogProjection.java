package org.peerjournal.query.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.peerjournal.query.projection.ProjectionTables;
import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.ActorMetaData;
import org.peerjournal.shared.audit.AccessLogEntry;
import org.peerjournal.shared.audit.FindAccessesQuery;
import org.peerjournal.shared.audit.FindAccessLogQuery;
import org.peerjournal.shared.audit.JournalContentReadEvent;
import org.peerjournal.shared.audit.JournalsShownEvent;
import org.springframework.stereotype.Component;

import java.util.List;

/** Who was shown which journal, when and through what: the reviewable form of the read and shown events. */
@Component
@ProcessingGroup(AccessLogProjection.NAME)
class AccessLogProjection {

    static final String NAME = "access-log";

    private final AccessLogRepository log;
    private final ProjectionTables tables;

    AccessLogProjection(AccessLogRepository log, ProjectionTables tables) {
        this.log = log;
        this.tables = tables;
    }

    @EventHandler
    void on(JournalContentReadEvent event, EventMessage<JournalContentReadEvent> message) {
        Actor reader = ActorMetaData.from(message.getMetaData()).orElseThrow();
        log.save(new AccessLogRecord(message.getIdentifier(), null, event.journalId(), message.getTimestamp(),
                reader.userId(), reader.role().name(), reader.teamId(), event.action()));
    }

    /** One entry per journal the answer showed, each keyed by the event and the journal. */
    @EventHandler
    void on(JournalsShownEvent event, EventMessage<JournalsShownEvent> message) {
        Actor reader = ActorMetaData.from(message.getMetaData()).orElseThrow();
        log.saveAll(event.journals().stream().map(shown -> new AccessLogRecord(
                message.getIdentifier() + ":" + shown.journalId(), message.getIdentifier(), shown.journalId(),
                message.getTimestamp(), reader.userId(), reader.role().name(), reader.teamId(), event.action()))
                .toList());
    }

    @ResetHandler
    void reset() {
        tables.clear("access_log");
    }

    @QueryHandler
    List<AccessLogEntry> handle(FindAccessLogQuery query) {
        return log.readsOf(query.journalId(), query.from(), query.to()).stream().map(AccessLogRecord::toEntry)
                .toList();
    }

    @QueryHandler
    List<AccessLogEntry> handle(FindAccessesQuery query) {
        return log.readsBetween(query.from(), query.to()).stream().map(AccessLogRecord::toEntry).toList();
    }
}
