package org.peerjournal.app.webapp;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The time zone a user reads and types times in: the one chosen on the settings page, kept in a cookie of this
 * browser like the language, else {@code peerjournal.web.time-zone} (Europe/Stockholm). A cookie rather than a
 * stored preference: users come from the demo list or the organisation's provider and have no profile here, and the
 * zone belongs to where the user reads, which is this device (ADR 0014). Stored instants never change.
 */
@Component
public class UserTimeZone {

    static final String COOKIE = "peerjournal-time-zone";

    /** The zones offered: the regions' (Europe/Stockholm, America/New_York, ...) and UTC, alphabetically. */
    public static final List<String> OFFERED = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+")
                    || id.equals("UTC"))
            .sorted().toList();

    private final ZoneId defaultZone;

    UserTimeZone(@Value("${peerjournal.web.time-zone:Europe/Stockholm}") ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    TimeZone of(HttpServletRequest request) {
        return TimeZone.getTimeZone(chosen(request).orElse(defaultZone));
    }

    /** @throws IllegalArgumentException for a zone that is not offered (a page only sends offered ones) */
    public void choose(String zone, HttpServletRequest request, HttpServletResponse response) {
        ZoneId chosen = offered(zone).orElseThrow(() -> new IllegalArgumentException("Not a time zone: " + zone));
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, chosen.getId()).path("/")
                .maxAge(Duration.ofDays(365)).httpOnly(true).sameSite("Lax").secure(request.isSecure()).build()
                .toString());
    }

    private static Optional<ZoneId> chosen(HttpServletRequest request) {
        Cookie cookie = WebUtils.getCookie(request, COOKIE);
        return cookie == null ? Optional.empty() : offered(cookie.getValue());
    }

    private static Optional<ZoneId> offered(String zone) {
        return zone != null && OFFERED.contains(zone) ? Optional.of(ZoneId.of(zone)) : Optional.empty();
    }
}
