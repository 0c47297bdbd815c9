-- What a journal's append writes for its chain (docs/integrity.md, "Chains"; ADR 0015), made cheaper without
-- weakening what the chain proves:
-- * A journal's chain head is its previous entry in event_chain (its position is the event's sequence number, which
--   the event table's unique key already lets only one transaction take), so a journal's append no longer locks and
--   updates a chain_head row. Those rows are no longer kept up to date; they go, so that chain_head holds only what
--   is used: the heads of the actor and type chains. (The verifier never trusted them.)
-- * event_chain's unique index on the event id guarded nothing the table's other keys and the verifier do not: an
--   entry is tied to its event by its global index (the primary key, the event table's too), and the verifier
--   compares each entry's event id with the event's at that index. No query looks an entry up by event id. It cost
--   every append one more index to write.
alter table event_chain drop constraint uk_event_chain_event;
delete from chain_head where chain_id not like 'actor/%' and chain_id not like 'type/%';
