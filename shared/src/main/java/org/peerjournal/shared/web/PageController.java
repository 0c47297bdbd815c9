package org.peerjournal.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the web app's pages (beside the API controllers whose methods it calls): its failures are
 * answered as pages in the user's language, not as problem+json, and its forms read times in the user's zone.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PageController {
}
