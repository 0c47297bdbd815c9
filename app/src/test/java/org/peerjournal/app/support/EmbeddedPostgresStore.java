package org.peerjournal.app.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from binaries on Maven Central (nothing to
 * install), with a fresh database per caller so tests never see each other's events.
 */
public final class EmbeddedPostgresStore {

    private static EmbeddedPostgres server;

    private EmbeddedPostgresStore() {
    }

    /** A new, empty database; answers the settings that point the application at it. */
    public static synchronized String[] freshDatabase() {
        return new String[] {"spring.profiles.active=postgres",
                "spring.datasource.url=" + server().getJdbcUrl("postgres", createDatabase()),
                "spring.datasource.username=postgres", "spring.datasource.password=postgres"};
    }

    /** A new, empty database for tests that talk to it directly. */
    public static synchronized DataSource freshDataSource() {
        return new DriverManagerDataSource(server().getJdbcUrl("postgres", createDatabase()), "postgres", "postgres");
    }

    /** A new, empty database for tests that talk to it directly, each connection with these server options. */
    public static synchronized DataSource freshDataSource(String options) {
        String url = server().getJdbcUrl("postgres", createDatabase());
        return new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "options=" + options, "postgres",
                "postgres");
    }

    /** A new database holding a copy of the one at {@code url} (no one may be connected to that one); its URL. */
    public static synchronized String copyOf(String url) {
        String source = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        return server().getJdbcUrl("postgres", createDatabase(" template " + source));
    }

    private static String createDatabase() {
        return createDatabase("");
    }

    private static String createDatabase(String options) {
        String name = "pj_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = server().getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + name + options);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the server's files are temporary
                }
            }));
        }
        return server;
    }
}
