-- access-log projection: one row per JournalContentReadEvent (the events themselves are the record).
create table access_log (
    event_id   varchar(255) not null,
    journal_id uuid         not null,
    read_at    timestamp(6) with time zone not null,
    user_id    varchar(255) not null,
    role       varchar(64)  not null,
    team_id    varchar(255),
    action     varchar(64)  not null,
    primary key (event_id)
);
create index ix_access_log_journal on access_log (journal_id, read_at);
