-- Which node runs which event processor, with its last heartbeat: the segment balancer shares a processor's
-- segments among the nodes that run it now (a node whose processor is stopped, e.g. for a replay, is not
-- counted). Replaces the node-level heartbeat of V8, which counted nodes whose processor was stopped.
create table processor_member (
    processor_name varchar(255) not null,
    node_id        varchar(255) not null,
    last_seen      timestamp(6) with time zone not null,
    primary key (processor_name, node_id)
);
drop table cluster_node;

-- A replay asked for on one node: every other node stops that processor (releasing its segments) until the row
-- is gone, so the asking node can claim every segment and reset the tokens. A row older than the replay timeout
-- is abandoned (its node died) and ignored. Operational data, not part of any journal.
create table projection_replay (
    processor_name varchar(255) not null,
    requested_by   varchar(255) not null,
    requested_at   timestamp(6) with time zone not null,
    primary key (processor_name)
);
