-- Read models. Each projection owns its tables and clears them in its @ResetHandler before a replay.

-- journal-directory
create table journal_directory (
    journal_id             uuid         not null,
    team_id                varchar(255) not null,
    patient_ref            varchar(255) not null,
    display_name           varchar(255) not null,
    opened_at              timestamp(6) with time zone not null,
    last_contact_at        timestamp(6) with time zone,
    open_escalations       integer      not null,
    overdue_escalations    integer      not null,
    open_loyalty_conflicts integer      not null,
    primary key (journal_id)
);
create index ix_journal_directory_team on journal_directory (team_id, display_name);

create table contact_entry (
    note_id          uuid         not null,
    journal_id       uuid         not null,
    team_id          varchar(255) not null,
    worker_id        varchar(255) not null,
    contact_type     varchar(255) not null,
    occurred_at      timestamp(6) with time zone not null,
    duration_minutes integer      not null,
    retracted        boolean      not null,
    primary key (note_id)
);
create index ix_contact_entry_journal on contact_entry (journal_id, occurred_at);
create index ix_contact_entry_team on contact_entry (team_id, occurred_at);

create table conflict_entry (
    conflict_id           uuid         not null,
    journal_id            uuid         not null,
    team_id               varchar(255) not null,
    kind                  varchar(255) not null,
    flagged_by            varchar(255) not null,
    flagged_at            timestamp(6) with time zone not null,
    supervision_requested boolean      not null,
    supervision_held      boolean      not null,
    resolved              boolean      not null,
    primary key (conflict_id)
);
create index ix_conflict_entry_team on conflict_entry (team_id, resolved);

-- timeline
create table timeline_journal (
    journal_id   uuid         not null,
    team_id      varchar(255) not null,
    display_name varchar(255) not null,
    primary key (journal_id)
);

create table timeline_entry (
    entry_id          uuid         not null,
    journal_id        uuid         not null,
    entry_type        varchar(255) not null,
    occurred_at       timestamp(6) with time zone not null,
    recorded_at       timestamp(6) with time zone not null,
    author            varchar(255) not null,
    status            varchar(255) not null,
    contact_type      varchar(255),
    duration_minutes  integer,
    current_text      varchar(20000),
    current_revision  integer,
    late_entry        boolean      not null,
    retracted         boolean      not null,
    retraction_reason varchar(4000),
    retracted_by      varchar(255),
    retracted_at      timestamp(6) with time zone,
    primary key (entry_id)
);
create index ix_timeline_entry_journal on timeline_entry (journal_id, occurred_at desc, recorded_at desc);

create table note_revision (
    note_id     uuid         not null,
    revision    integer      not null,
    text        varchar(20000)         not null,
    author      varchar(255) not null,
    recorded_at timestamp(6) with time zone not null,
    reason      varchar(4000),
    primary key (note_id, revision)
);
