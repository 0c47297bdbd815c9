package org.peerjournal.query.projection;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A projection row whose id comes from the event (a note id, an escalation id), not from the store. Spring Data
 * cannot tell from such an id whether a row is new, so {@code save()} would merge: a {@code select} before every
 * {@code insert}, which halved replay speed. A row built by an event handler is new until it has been persisted;
 * a row read from the store is not. Only for rows that a handler creates exactly once per replay (the reset
 * handler clears their table first).
 */
@MappedSuperclass
public abstract class InsertedRow<ID> implements Persistable<ID> {

    @Transient
    private boolean fresh = true;

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    @PostLoad
    void stored() {
        fresh = false;
    }
}
