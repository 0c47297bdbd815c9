package org.peerjournal.query.projection;

import org.axonframework.eventhandling.ResetHandler;

/**
 * A projection with its read model declared once: a replay empties the read model's tables, and the reconciliation
 * counts its measures.
 */
public abstract class ReadModelProjection {

    private final ReadModel readModel;
    private final ProjectionTables tables;

    protected ReadModelProjection(ReadModel readModel, ProjectionTables tables) {
        this.readModel = readModel;
        this.tables = tables;
    }

    public final ReadModel readModel() {
        return readModel;
    }

    /** The database the read model's tables and its processor's tokens live in. */
    public final ProjectionTables tables() {
        return tables;
    }

    @ResetHandler
    protected void reset() {
        tables.clear(readModel);
    }
}
