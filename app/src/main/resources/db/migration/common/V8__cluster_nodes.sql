-- Nodes sharing this database, with their last heartbeat: the segment balancer divides each projection's
-- segments among the nodes seen recently. Operational data, not part of any journal.
create table cluster_node (
    node_id   varchar(255) not null,
    last_seen timestamp(6) with time zone not null,
    primary key (node_id)
);
