package org.peerjournal.command.api;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the {@code Idempotency-Key} header, or {@code null} when there is none, to the {@link IdempotencyKey}. */
final class IdempotencyKeyArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(IdempotencyKey.class);
    }

    @Override
    public String resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String[] values = request.getHeaderValues(IdempotencyKey.HEADER);
        // A header sent more than once reads as its values joined by commas, as Spring's @RequestHeader reads it.
        return values == null ? null : String.join(",", values);
    }
}
