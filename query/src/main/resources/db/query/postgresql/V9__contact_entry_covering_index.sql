-- The team overview (contacts per worker) and the contact report read every contact of a team in a time window.
-- With only (team_id, occurred_at) indexed, each of those rows is also read from the table: at 100,000 contacts a
-- one-year report took about 200 ms of SQL alone on H2 (docs/benchmarks.md). This index carries every column the
-- two queries read, so PostgreSQL can answer them with an index-only scan; it replaces the narrower one.
create index ix_contact_entry_team_window on contact_entry (team_id, occurred_at)
    include (retracted, journal_id, contact_type, duration_minutes, worker_id);
drop index ix_contact_entry_team;
