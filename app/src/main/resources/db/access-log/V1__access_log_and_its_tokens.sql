-- The embedded store's access log: its read model and its processor's tokens in an H2 file of their own (ADR 0019),
-- so that the commits of logged reads in the application's store do not write the access log's pages. The events
-- the rows are made from stay in the application's store, chained; these rows can always be rebuilt from them.

-- The account the application connects as: not an administrator (granted in AppAccountGrants after migrating).
create user if not exists ${appuser} password '${apppassword}';

-- One row per journal an answer showed (event_id names the event and the journal, shown_by_event the event), or
-- per older read event (event_id names the event). Keyed by the journal first: the key is itself the journal's log
-- in time order (what the audit views read), so no second index by journal is kept beside a key by event_id.
create table access_log (
    event_id       varchar(255) not null,
    shown_by_event varchar(255),
    journal_id     uuid         not null,
    read_at        timestamp(6) with time zone not null,
    user_id        varchar(255) not null,
    role           varchar(64)  not null,
    team_id        varchar(255),
    action         varchar(64)  not null,
    primary key (journal_id, read_at, event_id)
);
-- The access review reads every access of a window, across journals: by time.
create index ix_access_log_read_at on access_log (read_at);

-- Axon's token table, as in the application's store: the access-log processor's position commits with its rows.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    owner          varchar(255),
    timestamp      varchar(255) not null,
    token_type     varchar(255),
    token          blob,
    primary key (segment, processor_name)
);
