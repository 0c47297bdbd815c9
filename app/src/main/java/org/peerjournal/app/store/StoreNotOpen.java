package org.peerjournal.app.store;

/**
 * The embedded store is closed: a pack could not open it again (requests wait meanwhile: {@link H2PackedWhenQuiet}).
 */
public final class StoreNotOpen extends RuntimeException {

    StoreNotOpen() {
        super("The embedded store is not open: it could not be opened again after packing");
    }
}
