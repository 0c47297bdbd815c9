-- The team overview (contacts per worker) and the contact report read every contact of a team in a time window.
-- With only (team_id, occurred_at) indexed, H2 looks up each of those rows in the table as well: at 100,000
-- contacts a one-year report took about 200 ms of SQL alone (docs/benchmarks.md). This index holds every column
-- the two queries read, so they are answered from the index alone; it replaces the narrower one.
create index ix_contact_entry_team_window on contact_entry
    (team_id, occurred_at, retracted, journal_id, contact_type, duration_minutes, worker_id);
drop index ix_contact_entry_team;
