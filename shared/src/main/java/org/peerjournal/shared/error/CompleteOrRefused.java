package org.peerjournal.shared.error;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose answer must be complete: while a read model it is built from is behind, it answers 503 with
 * {@code Retry-After} ({@link ReadModelBehindException}) rather than a partial answer. The published OpenAPI document
 * lists that answer for every endpoint so marked.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CompleteOrRefused {
}
