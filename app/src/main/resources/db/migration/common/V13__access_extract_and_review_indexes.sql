-- The access review reads every access of a window, across journals: by time.
create index ix_access_log_read_at on access_log (read_at);

-- The patient's access extract finds every journal of a patientRef, in any team.
create index ix_journal_directory_patient on journal_directory (patient_ref);
