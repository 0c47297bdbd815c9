package org.peerjournal.app.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.peerjournal.app.support.StoreMigrations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Each module ships the migrations of its own tables ({@code db/command}, {@code db/query}, the rest in app's
 * {@code db/migration}). Moving them kept every file's version, description and bytes, so a store migrated before
 * the move starts unchanged: Flyway validates the checksums it recorded against the files where they now are.
 */
class ModuleMigrationsKeptTheirChecksumsTest {

    private static final String BEFORE = "/store-before-module-migrations/";

    /** The last version before the move; migrations added since are simply pending on the old store. */
    private static final MigrationVersion LAST_MOVED = MigrationVersion.fromVersion("17.1");

    /** An H2 store migrated to V17.1 before the move (H2's own SCRIPT of it), validated as the application would. */
    @Test
    void anH2StoreMigratedBeforeTheMoveValidates() throws Exception {
        String url = "jdbc:h2:mem:before-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("runscript from 'classpath:" + BEFORE + "h2-store.sql'");
            Flyway flyway = StoreMigrations.flyway("h2").dataSource(url, "sa", "")
                    .ignoreMigrationPatterns("*:pending").load();

            assertThatCode(flyway::validate).doesNotThrowAnyException();
            assertThat(flyway.info().pending()).allSatisfy(
                    added -> assertThat(added.getVersion()).isGreaterThan(LAST_MOVED));
            assertThat(flyway.info().applied()).hasSize(18); // V1 to V17.1
        }
    }

    /** PostgreSQL's migrations as Flyway resolved them before the move: the same, field for field, now. */
    @Test
    void thePostgresqlMigrationsResolveToTheSameChecksumsAsBeforeTheMove() throws IOException {
        List<String> before;
        try (InputStream recorded = getClass().getResourceAsStream(BEFORE + "postgresql-migrations.psv")) {
            before = Arrays.stream(new String(recorded.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        String url = "jdbc:h2:mem:resolve-" + UUID.randomUUID();
        List<String> now = Arrays.stream(StoreMigrations.flyway("postgresql").dataSource(url, "sa", "").load()
                        .info().all())
                .filter(migration -> migration.getVersion().compareTo(LAST_MOVED) <= 0)
                .map(ModuleMigrationsKeptTheirChecksumsTest::describe).toList();

        assertThat(now).containsExactlyElementsOf(before);
    }

    private static String describe(MigrationInfo migration) {
        return String.join("|", migration.getVersion().toString(), migration.getDescription(),
                migration.getType().name(), migration.getScript(), String.valueOf(migration.getChecksum()));
    }
}
