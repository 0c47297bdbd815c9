package org.peerjournal.app.support;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.Map;

/**
 * Flyway as the application configures it (the shared and the vendor's migrations, the application account's
 * placeholders), for tests that migrate a bare store step by step to check a migration's backfill.
 */
public final class StoreMigrations {

    private StoreMigrations() {
    }

    /** @param vendor {@code h2} or {@code postgresql} */
    public static FluentConfiguration flyway(String vendor) {
        return Flyway.configure()
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .placeholders(Map.of("appuser", "peerjournal_app", "apppassword", "test"));
    }
}
