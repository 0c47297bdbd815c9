package org.peerjournal.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.peerjournal.app.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 as problem+json like every other error, with no detail about why a login failed. */
class ProblemSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper objectMapper;
    private final String challenge;

    /** @param challenge the WWW-Authenticate value: how a client should authenticate */
    ProblemSecurityResponses(ObjectMapper objectMapper, String challenge) {
        this.objectMapper = objectMapper;
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        write(response, HttpStatus.UNAUTHORIZED, "Valid credentials are required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Your role does not allow this request");
    }

    private void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Problems.write(response, objectMapper, Problems.of(status, detail));
    }
}
