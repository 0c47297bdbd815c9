-- timeline projection: loyalty conflicts (their common fields are in timeline_entry) and their discussions.
create table timeline_conflict (
    entry_id              uuid          not null,
    kind                  varchar(255)  not null,
    description           varchar(20000)          not null,
    patient_perspective   varchar(4000) not null,
    staff_perspective     varchar(4000) not null,
    supervision_requested boolean       not null,
    resolution            varchar(4000),
    resolved_by           varchar(255),
    resolved_at           timestamp(6) with time zone,
    primary key (entry_id)
);

create table timeline_conflict_discussion (
    discussion_id uuid          not null,
    conflict_id   uuid          not null,
    forum         varchar(255)  not null,
    summary       varchar(4000) not null,
    discussed_by  varchar(255)  not null,
    discussed_at  timestamp(6) with time zone not null,
    sequence_no   bigint        not null,
    primary key (discussion_id)
);
create index ix_timeline_conflict_discussion on timeline_conflict_discussion (conflict_id, discussed_at, sequence_no);
