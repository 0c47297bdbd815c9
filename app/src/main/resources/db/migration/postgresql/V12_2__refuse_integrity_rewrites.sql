-- The chain, the tree, the checkpoints and the public keys are append-only like the event table (V7).
create trigger event_chain_refuse_update before update or delete on event_chain
    for each row execute function refuse_event_rewrites();
create trigger event_chain_refuse_truncate before truncate on event_chain
    for each statement execute function refuse_event_rewrites();
create trigger merkle_leaf_refuse_update before update or delete on merkle_leaf
    for each row execute function refuse_event_rewrites();
create trigger merkle_leaf_refuse_truncate before truncate on merkle_leaf
    for each statement execute function refuse_event_rewrites();
create trigger checkpoint_refuse_update before update or delete on checkpoint
    for each row execute function refuse_event_rewrites();
create trigger checkpoint_refuse_truncate before truncate on checkpoint
    for each statement execute function refuse_event_rewrites();
create trigger signing_public_key_refuse_update before update or delete on signing_public_key
    for each row execute function refuse_event_rewrites();
create trigger signing_public_key_refuse_truncate before truncate on signing_public_key
    for each statement execute function refuse_event_rewrites();
