package org.peerjournal.app.integrity;

import org.junit.jupiter.api.BeforeAll;
import org.peerjournal.app.support.EmbeddedPostgresStore;
import org.peerjournal.app.support.TestTokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/** The tamper cases on PostgreSQL: the seeded database copied (as a template) per case. */
class PostgresTamperedStoreIT extends TamperedStoreVerification {

    private static final List<String> GUARDED_TABLES = List.of("domain_event_entry", "event_chain", "merkle_leaf",
            "checkpoint", "signing_public_key");

    private static Seed seed;
    private static String seedUrl;

    @BeforeAll
    static void seedTheStore() throws Exception {
        String[] database = EmbeddedPostgresStore.freshDatabase();
        seedUrl = database[1].substring("spring.datasource.url=".length());
        Path root = Files.createTempDirectory("peerjournal-tamper-pg-");
        TestTokens tokens = TestTokens.create(root);
        seed = seedStore(root.resolve("data"), root.resolve("witness").resolve("checkpoints.txt"),
                (client, user, role) -> client.withBearer(tokens.token(user, role, "north")),
                Stream.concat(Stream.of(database), Stream.of(tokens.settings())).toArray(String[]::new));
    }

    @Override
    protected Seed seed() {
        return seed;
    }

    @Override
    protected StoreCopy freshCopy() throws Exception {
        String url = EmbeddedPostgresStore.copyOf(seedUrl);
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
