package org.peerjournal.command.api;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code String} parameter that receives a command request's optional {@code Idempotency-Key} header,
 * read by {@link IdempotencyKeyArgumentResolver}. The header's whole contract is here: its length is a Bean
 * Validation constraint on the parameter, so a bad key is reported together with a bad body, in the caller's
 * language; and the OpenAPI description takes its name, place and length from here.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Size(min = 1, max = IdempotencyKey.MAX_LENGTH)
@Constraint(validatedBy = {})
@Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER,
        schema = @Schema(type = "string", minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH))
@interface IdempotencyKey {

    String HEADER = "Idempotency-Key";
    int MAX_LENGTH = 200;

    // Bean Validation requires these of every constraint; a too long or empty key reports @Size's own message.
    String message() default "{jakarta.validation.constraints.Size.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
