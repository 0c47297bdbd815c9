-- H2 stores a BLOB longer than MAX_LENGTH_INPLACE_LOB (by default 256 bytes) outside its row, in its LOB maps: for
-- an event of a few hundred bytes of JSON that meant more pages written at every commit, a second lookup at every
-- read, and a background cleaner. Kept in the row up to 16 KiB (a long note included), an event costs one row.
-- The setting is the store's own (persistent, made once by the administrator); it applies to values written from
-- now on: events written before stay where they are, read the same. The bytes are the same either way, so the hash
-- chains (docs/integrity.md) do not change. docs/benchmarks.md, "Write throughput over HTTP", has the figures.
SET MAX_LENGTH_INPLACE_LOB 16384;
