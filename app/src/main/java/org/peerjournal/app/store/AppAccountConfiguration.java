package org.peerjournal.app.store;

import org.flywaydb.core.api.callback.Callback;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Migrations run as the owner; after them, the application's own account gets only what it needs. */
@Configuration(proxyBeanMethods = false)
class AppAccountConfiguration {

    @Bean
    Callback grantTheApplicationAccount(@Value("${spring.datasource.username}") String appAccount) {
        return new AppAccountGrants(appAccount);
    }
}
