package org.peerjournal.app.support;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * Flyway as the application configures it (every module's shared and vendor's migrations, the locations read from
 * the application's own {@code application.yml}; the application account's placeholders), for tests that migrate a
 * bare store step by step to check a migration's backfill.
 */
public final class StoreMigrations {

    private StoreMigrations() {
    }

    /** @param vendor {@code h2} or {@code postgresql} */
    public static FluentConfiguration flyway(String vendor) {
        return Flyway.configure()
                .locations(locations(vendor))
                .placeholders(Map.of("appuser", "peerjournal_app", "apppassword", "test"));
    }

    /** {@code spring.flyway.locations} of the application, for this vendor. */
    public static String[] locations(String vendor) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();
        return IntStream.iterate(0, i -> properties.containsKey("spring.flyway.locations[" + i + "]"), i -> i + 1)
                .mapToObj(i -> properties.getProperty("spring.flyway.locations[" + i + "]").replace("{vendor}", vendor))
                .toArray(String[]::new);
    }
}
