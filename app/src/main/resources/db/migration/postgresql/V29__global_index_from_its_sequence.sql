-- Events are appended by Axon's JDBC engine (PositionRecordingJdbcEventStorageEngine), which leaves the global index
-- to the database: the column takes the next value of the event table's own sequence, one value at a time as
-- before, so tracking processors see no gaps but those of uncommitted or rolled-back transactions. Until now
-- Hibernate took the value from the same sequence (the orm.xml this replaces), so existing rows and the sequence's
-- position are unchanged.
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');
