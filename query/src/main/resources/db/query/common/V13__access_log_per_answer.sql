-- The access review reads every access of a window, across journals: by time.
create index ix_access_log_read_at on access_log (read_at);

-- The patient's access extract finds every journal of a patientRef, in any team.
create index ix_journal_directory_patient on journal_directory (patient_ref);

-- An answer's journals are stored as one JournalsShownEvent and projected as one row per journal, keyed by the
-- event and the journal; the event's own id is kept here (null for the rows of single read events).
alter table access_log add column shown_by_event varchar(255);
