package org.peerjournal.app.store;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * After every migration, as the owner that ran it: the application's account gets SELECT and INSERT only on the
 * append-only tables (events, chain, tree, checkpoints, public keys) and full use of every other table (the
 * projections, tokens, the scheduler's tables), so tables added by later migrations are covered without a grant of
 * their own. Nothing to do when the application migrates as itself (then it owns everything, which the log says).
 */
public class AppAccountGrants implements Callback {

    /** The tables no account the application uses may update, delete from or truncate. */
    public static final Set<String> APPEND_ONLY = Set.of("domain_event_entry", "event_chain", "merkle_leaf",
            "checkpoint", "signing_public_key");

    private static final Logger LOG = LoggerFactory.getLogger(AppAccountGrants.class);

    private final String appAccount;

    public AppAccountGrants(String appAccount) {
        this.appAccount = appAccount;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            String owner = connection.getMetaData().getUserName();
            if (appAccount == null || appAccount.equalsIgnoreCase(owner)) {
                LOG.warn("The application connects as the schema owner {}: nothing in the database stops it from"
                        + " rewriting events; give it an account of its own (docs/integrity.md)", owner);
                return;
            }
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
            try (Statement statement = connection.createStatement()) {
                for (String table : tables(connection)) {
                    boolean appendOnly = APPEND_ONLY.contains(table.toLowerCase(Locale.ROOT));
                    String rights = appendOnly ? "select, insert" : postgres ? "select, insert, update, delete,"
                            + " truncate" : "select, insert, update, delete";
                    if (postgres && appendOnly) {
                        statement.execute("revoke update, delete, truncate on table " + table + " from " + appAccount);
                    }
                    statement.execute("grant " + rights + " on table " + table + " to " + appAccount);
                }
                if (postgres) {
                    statement.execute("grant usage, select on all sequences in schema " + connection.getSchema()
                            + " to " + appAccount);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the application account its rights", e);
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select table_name from"
                + " information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'")) {
            select.setString(1, connection.getSchema());
            try (ResultSet table = select.executeQuery()) {
                while (table.next()) {
                    if (!table.getString(1).equalsIgnoreCase("flyway_schema_history")) {
                        tables.add(table.getString(1));
                    }
                }
            }
        }
        return tables;
    }

    @Override
    public String getCallbackName() {
        return "app-account-grants";
    }
}
