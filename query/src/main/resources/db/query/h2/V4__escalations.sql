-- Safety escalations: persistent deadlines, the escalation queue, the timeline's escalation lifecycle,
-- and the outbox of outbound notifications.

-- db-scheduler's table: Axon's DbSchedulerDeadlineManager keeps acknowledgement deadlines here, so a deadline
-- survives a restart and fires once (a picked task is claimed with an optimistic version check).
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(100) not null,
    task_data            blob,
    execution_time       timestamp(6) with time zone not null,
    picked               boolean      not null,
    picked_by            varchar(50),
    last_success         timestamp(6) with time zone,
    last_failure         timestamp(6) with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp(6) with time zone,
    version              bigint       not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index ix_scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index ix_scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index ix_scheduled_tasks_priority on scheduled_tasks (priority desc, execution_time asc);

-- escalation-queue projection
create table escalation_queue (
    escalation_id   uuid         not null,
    journal_id      uuid         not null,
    team_id         varchar(255) not null,
    category        varchar(255) not null,
    severity        varchar(255) not null,
    status          varchar(255) not null,
    raised_at       timestamp(6) with time zone not null,
    raised_by       varchar(255) not null,
    acknowledge_by  timestamp(6) with time zone not null,
    acknowledged_at timestamp(6) with time zone,
    acknowledged_by varchar(255),
    resolved_at     timestamp(6) with time zone,
    resolved_by     varchar(255),
    overdue         boolean      not null,
    overdue_at      timestamp(6) with time zone,
    last_change     varchar(255) not null,
    primary key (escalation_id)
);
create index ix_escalation_queue_team on escalation_queue (team_id, status, overdue, acknowledge_by);

-- timeline projection: an escalation's lifecycle (its common fields are in timeline_entry)
create table timeline_escalation (
    entry_id               uuid          not null,
    category               varchar(255)  not null,
    severity               varchar(255)  not null,
    description            varchar(20000)          not null,
    patient_informed       boolean       not null,
    staff_already_informed varchar(8000),
    acknowledge_by         timestamp(6) with time zone not null,
    overdue_at             timestamp(6) with time zone,
    acknowledged_at        timestamp(6) with time zone,
    acknowledged_by        varchar(255),
    action_taken           varchar(4000),
    resolved_at            timestamp(6) with time zone,
    resolved_by            varchar(255),
    outcome                varchar(4000),
    primary key (entry_id)
);

-- escalation-notifications: written in the event processor's transaction, delivered by the dispatcher.
create table notification_outbox (
    notification_id uuid         not null,
    escalation_id   uuid         not null,
    journal_id      uuid         not null,
    team_id         varchar(255) not null,
    severity        varchar(32)  not null,
    state           varchar(32)  not null,
    occurred_at     timestamp(6) with time zone not null,
    created_at      timestamp(6) with time zone not null,
    sequence_no     bigint       not null,
    status          varchar(32)  not null,
    attempts        integer      not null,
    next_attempt_at timestamp(6) with time zone not null,
    delivered_at    timestamp(6) with time zone,
    last_error      varchar(1000),
    primary key (notification_id)
);
create index ix_notification_outbox_due on notification_outbox (status, next_attempt_at);
create index ix_notification_outbox_escalation on notification_outbox (escalation_id);
