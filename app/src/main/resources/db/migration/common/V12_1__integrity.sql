-- Integrity (docs/integrity.md): a hash chain entry per stored event, written in the event's own transaction;
-- the leaves of the global Merkle tree in the order the sealer took them; the signed checkpoints; the public keys
-- that signed them. The first three are append-only like the event table; chain_head and integrity_sealer are
-- the only mutable rows (a lock per chain and the sealer's claim), and the verifier trusts neither.

create table event_chain (
    global_index     bigint        not null,
    chain_id         varchar(255)  not null,
    chain_seq        bigint        not null,
    event_identifier varchar(255)  not null,
    payload_hash     bytea         not null,
    meta_data_hash   bytea         not null,
    leaf_hash        bytea         not null,
    chain_hash       bytea         not null,
    primary key (global_index),
    constraint uk_event_chain_position unique (chain_id, chain_seq),
    constraint uk_event_chain_event unique (event_identifier)
);

create table chain_head (
    chain_id   varchar(255) not null,
    chain_seq  bigint       not null,
    chain_hash bytea        not null,
    primary key (chain_id)
);

create table merkle_leaf (
    tree_index   bigint     not null,
    global_index bigint     not null,
    leaf_hash    bytea      not null,
    primary key (tree_index),
    constraint uk_merkle_leaf_event unique (global_index)
);

create table checkpoint (
    tree_size   bigint                       not null,
    root_hash   bytea                        not null,
    signed_note varchar(4000)                not null,
    created_at  timestamp(6) with time zone  not null,
    primary key (tree_size)
);

create table signing_public_key (
    key_name    varchar(255)                not null,
    key_id      varchar(8)                  not null,
    verifier_key varchar(1000)              not null,
    created_at  timestamp(6) with time zone not null,
    primary key (verifier_key)
);

create table integrity_sealer (
    id            integer                     not null,
    owner         varchar(255),
    claimed_until timestamp(6) with time zone not null,
    primary key (id)
);
insert into integrity_sealer (id, owner, claimed_until) values (1, null, timestamp with time zone '1970-01-01 00:00:00+00');
