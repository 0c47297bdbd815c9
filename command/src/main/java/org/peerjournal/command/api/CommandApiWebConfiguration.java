package org.peerjournal.command.api;

import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Wires the {@link IdempotencyKey} header into Spring MVC and into the OpenAPI description. */
@Configuration
class CommandApiWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new IdempotencyKeyArgumentResolver());
    }

    /**
     * springdoc takes a parameter it has no Spring annotation for as required, and {@code @Parameter} can only
     * make one required, never optional; the key is optional.
     */
    @Bean
    ParameterCustomizer idempotencyKeyIsOptional() {
        return (documented, parameter) -> parameter.hasParameterAnnotation(IdempotencyKey.class)
                ? documented.required(false) : documented;
    }
}
