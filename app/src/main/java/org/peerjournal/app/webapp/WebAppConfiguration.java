package org.peerjournal.app.webapp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;

/**
 * The pages' language and time zone: the browser's language until the user picks one with the switch on the page
 * ({@code ?lang=sv}, remembered in a cookie); times shown in the zone the user chose ({@link UserTimeZone}), else
 * {@code peerjournal.web.time-zone} (Europe/Stockholm unless configured). Stored instants are never changed: only
 * their display is.
 */
@Configuration
class WebAppConfiguration implements WebMvcConfigurer {

    static final String LANGUAGE_PARAMETER = "lang";

    @Bean
    LocaleResolver localeResolver(UserTimeZone timeZone) {
        // The language's cookie holds no zone, so the zone is always the user's own (its own cookie) or the default.
        CookieLocaleResolver resolver = new CookieLocaleResolver("peerjournal-language");
        resolver.setDefaultTimeZoneFunction(timeZone::of);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
        languageSwitch.setParamName(LANGUAGE_PARAMETER);
        languageSwitch.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languageSwitch).addPathPatterns("/", "/app/**", "/login");
    }
}
