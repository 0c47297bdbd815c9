-- Tables owned by the command side.

-- Set-based validation: one journal per patientRef within a team. Written in the same transaction as the
-- JournalOpenedEvent.
create table patient_ref_claim (
    team_id     varchar(200) not null,
    patient_ref varchar(200) not null,
    journal_id  varchar(36)  not null,
    primary key (team_id, patient_ref)
);

-- Answers remembered per user and Idempotency-Key, written in the transaction that stores the command's events.
create table idempotency_record (
    user_id             varchar(200)  not null,
    idempotency_key     varchar(200)  not null,
    request_fingerprint varchar(64)   not null,
    result_json         varchar(4000) not null,
    created_at          timestamp(6) with time zone not null,
    primary key (user_id, idempotency_key)
);
