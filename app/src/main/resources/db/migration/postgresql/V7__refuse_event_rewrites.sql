-- Stored events are never updated or deleted, by any code path: the database itself refuses both.
create function refuse_event_rewrites() returns trigger
    language plpgsql as
$$
begin
    raise exception 'Stored events are never updated or deleted' using errcode = '45000';
end;
$$;

create trigger domain_event_entry_refuse_update before update on domain_event_entry
    for each row execute function refuse_event_rewrites();
create trigger domain_event_entry_refuse_delete before delete on domain_event_entry
    for each row execute function refuse_event_rewrites();
-- TRUNCATE bypasses row triggers: refuse it too.
create trigger domain_event_entry_refuse_truncate before truncate on domain_event_entry
    for each statement execute function refuse_event_rewrites();
