package org.peerjournal.app.security;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Demo users with well-known passwords must never guard real patient data: refuse to start if they would. */
@Component
class DemoUsersOnlyOnEmbeddedStore implements InitializingBean {

    private final DemoUsersProperties demoUsers;
    private final Environment environment;

    DemoUsersOnlyOnEmbeddedStore(DemoUsersProperties demoUsers, Environment environment) {
        this.demoUsers = demoUsers;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        String url = environment.getProperty("spring.datasource.url", "");
        if (demoUsers.enabled() && !url.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("Demo users are enabled but the store is not the embedded H2 store ("
                    + "peerjournal.security.demo-users.enabled=true with a non-H2 spring.datasource.url). "
                    + "Disable the demo users and configure production authentication.");
        }
    }
}
