package org.peerjournal.app.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app at the HTTP level, as a browser's history would show it: a cookie-keeping client that does not
 * follow redirects, and sends forms with the page's CSRF token.
 */
public final class WebBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private String forwardedProto;

    public WebBrowser(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Sends {@code X-Forwarded-Proto} from now on, as a TLS-terminating proxy on the local network would. */
    public WebBrowser behindProxyWith(String proto) {
        this.forwardedProto = proto;
        return this;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form; {@code csrf} null sends it without its token. */
    public HttpResponse<String> post(String path, String form, String csrf) throws IOException, InterruptedException {
        String body = csrf == null ? form : form + (form.isEmpty() ? "" : "&") + "_csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String csrfOf(String path) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(path).body());
        assertThat(token.find()).as("a CSRF token on " + path).isTrue();
        return token.group(1);
    }

    /** Fills in and sends the sign-in form; answers the form's answer (a redirect). */
    public HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        return post("/login", "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8), csrfOf("/login"));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        return forwardedProto == null ? request : request.header("X-Forwarded-Proto", forwardedProto);
    }
}
