package org.peerjournal.app.integrity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.store.AppAccountGrants;
import org.peerjournal.app.support.BuildDirectories;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.TestTokens;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tamper cases on PostgreSQL: the seeded database copied (as a template) per case. The seed runs the
 * application as its own role, migrated and granted by the owner, so it also proves that role is enough.
 */
class PostgresTamperedStoreIT extends TamperedStoreVerification {

    private static final List<String> GUARDED_TABLES = List.of("domain_event_entry", "event_chain", "merkle_leaf",
            "checkpoint", "signing_public_key");

    private static final String APP_ROLE = "pj_app";
    private static final String APP_PASSWORD = "pj-app-password";

    private static Seed seed;
    private static String seedUrl;

    @BeforeAll
    static void seedTheStore() throws Exception {
        String[] database = EmbeddedPostgresStore.freshDatabase();
        // Without the user the test server's URLs name, which would override the account given with them.
        seedUrl = withoutUser(database[1].substring("spring.datasource.url=".length()));
        createApplicationRole(seedUrl);
        // The application connects as its own role; the owner (postgres) runs the migrations and grants it.
        String[] asApplication = {database[0], "spring.datasource.url=" + seedUrl,
                "spring.datasource.username=" + APP_ROLE,
                "spring.datasource.password=" + APP_PASSWORD, "spring.flyway.user=postgres",
                "spring.flyway.password=postgres"};
        Path root = BuildDirectories.newDirectory("peerjournal-tamper-pg-");
        TestTokens tokens = TestTokens.create(root);
        seed = seedStore(root.resolve("data"), root.resolve("witness").resolve("checkpoints.txt"),
                (client, user, role) -> client.withBearer(tokens.token(user, role, "north")),
                Stream.concat(Stream.of(asApplication), Stream.of(tokens.settings())).toArray(String[]::new));
    }

    private static String withoutUser(String url) {
        return url.replaceFirst("[?&]user=[^&]*", "");
    }

    private static void createApplicationRole(String url) throws SQLException {
        try (Connection owner = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = owner.createStatement()) {
            statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + APP_ROLE
                    + "') then create role " + APP_ROLE + " login password '" + APP_PASSWORD + "'; end if; end $$");
        }
    }

    @Test
    void theApplicationsRoleCanNeitherRewriteNorTruncateTheAppendOnlyTables() throws Exception {
        String url = withoutUser(EmbeddedPostgresStore.copyOf(seedUrl));
        try (Connection application = DriverManager.getConnection(url, APP_ROLE, APP_PASSWORD);
                Statement statement = application.createStatement()) {
            for (String table : AppAccountGrants.APPEND_ONLY) {
                for (String rewrite : List.of("update " + table + " set created_at = created_at",
                        "delete from " + table, "truncate table " + table)) {
                    String sql = table.equals("domain_event_entry") || table.equals("event_chain")
                            || table.equals("merkle_leaf") ? rewrite.replace("created_at", "global_index") : rewrite;
                    assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                            .hasMessageContaining("permission denied");
                }
            }
            assertThatThrownBy(() -> statement.execute("drop trigger domain_event_entry_refuse_update on"
                    + " domain_event_entry")).isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
            try (ResultSet count = statement.executeQuery("select count(*) from domain_event_entry")) {
                count.next();
                assertThat(count.getLong(1)).isPositive();
            }
        }
    }

    @Override
    protected Seed seed() {
        return seed;
    }

    @Override
    protected StoreCopy freshCopy() throws Exception {
        String url = withoutUser(EmbeddedPostgresStore.copyOf(seedUrl));
        Connection owner = DriverManager.getConnection(url, "postgres", "postgres");
        return new StoreCopy(owner) {
            @Override
            void allowRewrites() throws SQLException {
                try (Statement statement = owner.createStatement()) {
                    for (String table : GUARDED_TABLES) {
                        statement.execute("alter table " + table + " disable trigger user");
                    }
                }
            }

            @Override
            List<String> storeArguments() {
                return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
            }
        };
    }
}
