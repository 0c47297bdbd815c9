-- The chain, the tree, the checkpoints and the public keys are append-only like the event table (V7).
create trigger event_chain_refuse_update before update on event_chain
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
create trigger event_chain_refuse_delete before delete on event_chain
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
create trigger merkle_leaf_refuse_update before update on merkle_leaf
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
create trigger merkle_leaf_refuse_delete before delete on merkle_leaf
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
create trigger checkpoint_refuse_update before update on checkpoint
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
create trigger checkpoint_refuse_delete before delete on checkpoint
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
create trigger signing_public_key_refuse_update before update on signing_public_key
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
create trigger signing_public_key_refuse_delete before delete on signing_public_key
    for each row call 'org.peerjournal.app.store.RefuseEventRewrites';
