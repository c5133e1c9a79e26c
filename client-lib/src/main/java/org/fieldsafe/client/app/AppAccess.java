package org.fieldsafe.client.app;

import com.sun.net.httpserver.HttpExchange;
import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.fieldsafe.core.crypto.Secrets;

/**
 * Who may talk to the app: the one browser that opened the launch link. The launch secret is good once and is
 * exchanged for an HttpOnly, SameSite=Strict session cookie; every request must then name the app's own
 * {@code Host} (against DNS rebinding), carry the cookie, and an API call must come from the app's own
 * {@code Origin} (against CSRF). It also holds the lock: locked at start, on quick-hide and after idle time.
 */
final class AppAccess {
    static final String COOKIE = "fieldsafe_app";

    private final String origin;
    private final Set<String> hosts;
    private final byte[] launchSecret;
    private final Clock clock;
    private final Supplier<Duration> autoLock;
    private boolean launched;
    private byte[] session;
    private boolean locked = true;
    private Instant lastActivity;

    AppAccess(int port, Clock clock, Supplier<Duration> autoLock) {
        this.origin = "http://127.0.0.1:" + port;
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.launchSecret = Secrets.randomBytes(32);
        this.clock = clock;
        this.autoLock = autoLock;
        this.lastActivity = clock.instant();
    }

    String origin() {
        return origin;
    }

    /** The path that carries the one-time launch secret. */
    String launchPath() {
        return "/launch/" + encode(launchSecret);
    }

    /** Exchanges the launch secret, once, for a session token (the cookie's value). */
    synchronized String launch(String presented) throws Exchanges.Refused {
        byte[] given = presented.getBytes(StandardCharsets.US_ASCII);
        if (launched || !MessageDigest.isEqual(given, encode(launchSecret).getBytes(StandardCharsets.US_ASCII))) {
            throw new Exchanges.Refused(403, "launch-link-used", "this launch link is not valid or was used"
                    + " already; restart 'fieldsafe client app' for a new one");
        }
        launched = true;
        session = Secrets.randomBytes(32);
        return encode(session);
    }

    String cookie(String token) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** The Host check, for every request. */
    void checkHost(HttpExchange exchange) throws Exchanges.Refused {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            throw new Exchanges.Refused(403, "wrong-host", "this app answers only requests addressed to " + origin);
        }
    }

    /** The Origin check, for every API call: required on changes, and if present it must be the app's own. */
    void checkOrigin(HttpExchange exchange) throws Exchanges.Refused {
        String given = exchange.getRequestHeaders().getFirst("Origin");
        boolean changes = !"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod());
        if ((given == null && changes) || (given != null && !given.equals(origin))) {
            throw new Exchanges.Refused(403, "foreign-origin", "this call must come from the app's own page");
        }
        String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw new Exchanges.Refused(403, "foreign-origin", "this call must come from the app's own page");
        }
    }

    /** The session cookie check, for everything but the launch link. */
    synchronized void checkSession(HttpExchange exchange) throws Exchanges.Refused {
        if (session == null || !presentsSession(exchange.getRequestHeaders().get("Cookie"))) {
            throw new Exchanges.Refused(401, "no-session", "open the app with the link that 'fieldsafe client app'"
                    + " printed");
        }
    }

    private boolean presentsSession(List<String> headers) {
        if (headers == null) {
            return false;
        }
        byte[] expected = encode(session).getBytes(StandardCharsets.US_ASCII);
        for (String header : headers) {
            for (String part : header.split(";")) {
                try {
                    for (HttpCookie c : HttpCookie.parse(part.strip())) {
                        if (c.getName().equals(COOKIE)
                                && MessageDigest.isEqual(c.getValue().getBytes(StandardCharsets.US_ASCII), expected)) {
                            return true;
                        }
                    }
                } catch (IllegalArgumentException e) {
                    // not a cookie: ignored
                }
            }
        }
        return false;
    }

    /** Locked now? Idle longer than the study's auto-lock time locks too. */
    synchronized boolean locked() {
        if (!locked && Duration.between(lastActivity, clock.instant()).compareTo(autoLock.get()) >= 0) {
            locked = true;
        }
        return locked;
    }

    synchronized void lock() {
        locked = true;
    }

    synchronized void unlock() {
        locked = false;
        lastActivity = clock.instant();
    }

    /** The person used the page: the idle time starts again (unless it already ran out). */
    synchronized void touch() {
        if (!locked()) {
            lastActivity = clock.instant();
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
