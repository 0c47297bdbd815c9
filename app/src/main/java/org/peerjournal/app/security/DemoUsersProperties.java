package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The demo users of api.md. Only password hashes are configured; {@code enabled} is refused on any store but the
 * embedded H2 one (see {@link DemoUsersOnlyOnEmbeddedStore}).
 */
@ConfigurationProperties("peerjournal.security.demo-users")
record DemoUsersProperties(boolean enabled, List<Entry> users) {

    DemoUsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    record Entry(String username, String passwordHash, Role role, String teamId) {

        DemoUser toUser() {
            return new DemoUser(username, passwordHash, role, teamId);
        }
    }
}
