package org.peerjournal.app.store;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The one rule for "the embedded store": the application's datasource is an H2 URL (the default, a file under the
 * data directory). Everything that differs between it and a database server (demo users allowed, the access log in
 * a file of its own) asks here.
 */
public final class EmbeddedStore {

    private EmbeddedStore() {
    }

    public static boolean isConfigured(Environment environment) {
        return environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
    }

    /** For {@code @Conditional}: the application runs on the embedded store. */
    public static final class Configured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isConfigured(context.getEnvironment());
        }
    }

    /** For {@code @Conditional}: the application runs on a database server. */
    static final class NotConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !isConfigured(context.getEnvironment());
        }
    }
}
