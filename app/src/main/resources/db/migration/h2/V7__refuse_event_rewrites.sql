-- Stored events are never updated or deleted, by any code path: the database itself refuses both.
create trigger domain_event_entry_refuse_update before update on domain_event_entry
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
create trigger domain_event_entry_refuse_delete before delete on domain_event_entry
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
