package org.peerjournal.app.store;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The embedded store's guard against rewriting history: an H2 trigger (migration V7) that refuses every UPDATE and
 * DELETE of the event table, whoever issues it. The application never does either; this makes sure nobody else
 * can through its database either.
 */
public class RefuseEventRewrites implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("Stored events are never updated or deleted", "45000");
    }
}
