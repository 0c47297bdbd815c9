package org.peerjournal.app.security;

import org.peerjournal.app.store.EmbeddedStore;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Demo users with well-known passwords must never guard real patient data: the application refuses to start when
 * they are enabled on any store but the embedded H2 one. It checks the environment before any bean exists, so not
 * even a database connection or a migration happens first. Registered in {@code META-INF/spring.factories}.
 */
public class DemoUsersOnlyOnEmbeddedStore implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String ENABLED = "peerjournal.security.demo-users.enabled";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(Environment environment) {
        boolean demoUsers = Binder.get(environment).bind(ENABLED, Boolean.class).orElse(false);
        if (demoUsers && !EmbeddedStore.isConfigured(environment)) {
            throw new IllegalStateException("Demo users are enabled but the store is not the embedded H2 store. "
                    + "Set " + ENABLED + "=false and configure production authentication.");
        }
    }
}
