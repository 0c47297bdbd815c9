package org.peerjournal.app.security;

import org.peerjournal.shared.actor.Actor;
import org.peerjournal.shared.actor.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** A built-in demo user: a login, a BCrypt hash of the password, a role and a team. */
record DemoUser(String username, String passwordHash, Role role, String teamId)
        implements UserDetails, ActorPrincipal {

    @Override
    public Actor actor() {
        return new Actor(username, role, teamId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }
}
