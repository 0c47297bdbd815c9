-- On the embedded store the access log's read model and its tokens moved to an H2 file of their own (ADR 0019).
-- Its rows here are read no more; there it starts without a token and so rebuilds every row from the events, which
-- stay here, chained and untouched.
drop table access_log;
delete from token_entry where processor_name = 'access-log';
