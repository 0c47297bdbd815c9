-- Payloads (and metadata) of up to 8 KiB are stored in their event's row, not in H2's separate LOB store (H2's
-- default keeps only values up to 256 bytes in the row): reading an event, as aggregates, projections and the
-- verifier do, then costs no lookup per payload, and an append writes one row instead of a row and a LOB. Nearly
-- every event is smaller; a longer note is still stored as a LOB. The bytes are the same either way, so hashes,
-- chains and the verifier do not change. A persistent setting that only an administrator may make; it applies to
-- values written from now on: events already stored stay where they are and read as before.
set max_length_inplace_lob 8192;
