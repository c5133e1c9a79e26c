package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bound on concurrent password hashing, the login rate limits per user name and per address, and the trusted
 * reverse proxy: 127.0.0.2 is configured as
 * the proxy (this test connects from it with a socket bound to that loopback address), so its
 * {@code X-Forwarded-For} names the client; 127.0.0.1, where the JDK client connects from, is not a proxy.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoginHardeningIntegrationTest {
    private static final String PROXY = "127.0.0.2";
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final TestApp APP = new TestApp(
            ConfigOverride.config("auth.trustedProxies", PROXY),
            ConfigOverride.config("auth.userNameRateLimit.maxFailures", "3"),
            ConfigOverride.config("auth.addressRateLimit.maxFailures", "4"),
            // one password hash at a time, no waiting for a turn, and hashes that take a while (16 MiB, 2 passes)
            ConfigOverride.config("auth.hashing.concurrent", "1"),
            ConfigOverride.config("auth.hashing.maxWait", "0 seconds"),
            ConfigOverride.config("auth.argon2.memoryKib", "16384"),
            ConfigOverride.config("auth.argon2.iterations", "2"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String officerPassword;
    private static String proxiedPassword;

    @BeforeAll
    static void setUp() {
        String admin = APP.adminToken();
        officerPassword = APP.createUser(admin, "officer", "safeguarding_officer", List.of("KH-SVR")).password();
        proxiedPassword = APP.createUser(admin, "proxied", "coordinator", List.of()).password();
    }

    @Test
    void login_concurrentHashingBounded_503WithRetryAfter() throws Exception {
        int burst = 16;
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Raw>> answers = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String client = "10.0.9." + (i + 1);
                String name = "burst-" + i;
                answers.add(clients.submit(() -> {
                    go.await();
                    return viaProxy(client, name, "wrong");
                }));
            }
            go.countDown();
            int shed = 0;
            for (Future<Raw> answer : answers) {
                Raw raw = answer.get(60, TimeUnit.SECONDS);
                assertThat(raw.status()).as(raw.text()).isIn(401, 503);
                if (raw.status() == 503) {
                    shed++;
                    assertThat(raw.header("Retry-After")).isEqualTo("2");
                    assertThat(raw.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(raw.body()).contains("login-busy");
                }
            }
            assertThat(shed).as("logins beyond the one hashing turn are shed").isPositive();
        } finally {
            clients.shutdownNow();
        }
        // once the burst is over, a login gets its turn
        assertThat(viaProxy("10.0.9.100", "proxied", proxiedPassword).status()).isEqualTo(200);
    }

    @Test
    void login_perUserNameLimit_expiresNeverPermanent() throws IOException {
        // the officer's usual address: a successful login makes it known for that name
        assertThat(viaProxy("10.0.0.50", "officer", officerPassword).status()).isEqualTo(200);
        // an attacker tries the officer's name from three addresses: the name's limit is reached
        for (int i = 1; i <= 3; i++) {
            assertThat(viaProxy("10.0.0." + i, "officer", "guess-" + i).status()).isEqualTo(401);
        }
        Raw limited = viaProxy("10.0.0.9", "officer", officerPassword);
        assertThat(limited.status()).as("from a new address, even the right password waits").isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, WINDOW.toSeconds() + 1);
        assertThat(limited.body()).contains("too-many-attempts");
        // ...but the officer is not locked out where they usually log in
        assertThat(viaProxy("10.0.0.50", "officer", officerPassword).status()).isEqualTo(200);
        // and the limit ends with its window: it delays, it never locks for good
        APP.clock.advance(WINDOW.plusSeconds(1));
        assertThat(viaProxy("10.0.0.9", "officer", officerPassword).status()).isEqualTo(200);
    }

    @Test
    void login_perAddressLimit_manyNamesFromOneAddress_429() throws IOException {
        for (int i = 1; i <= 4; i++) {
            assertThat(viaProxy("10.0.1.1", "sprayed-" + i, "guess").status()).isEqualTo(401);
        }
        Raw limited = viaProxy("10.0.1.1", "sprayed-5", "guess");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(viaProxy("10.0.1.2", "sprayed-5", "guess").status()).as("another client").isEqualTo(401);
    }

    @Test
    void rateLimit_trustedProxy_keysOnRealClient_spoofedHeaderIgnored() throws Exception {
        // behind the trusted proxy: client A exhausts its address limit; client B, same proxy, is limited separately
        for (int i = 1; i <= 4; i++) {
            assertThat(viaProxy("192.0.2.1", "tried-" + i, "wrong").status()).isEqualTo(401);
        }
        assertThat(viaProxy("192.0.2.1", "proxied", proxiedPassword).status()).as("client A").isEqualTo(429);
        assertThat(viaProxy("192.0.2.2", "proxied", proxiedPassword).status()).as("client B").isEqualTo(200);
        assertThat(APP.lastAuditSubject("login.succeeded")).contains("address:192.0.2.2").doesNotContain(PROXY);

        // from 127.0.0.1, not a trusted proxy, a forged header is ignored: every attempt counts for 127.0.0.1
        for (int i = 1; i <= 4; i++) {
            assertThat(direct("198.51.100." + i, "spoofed-" + i, "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> forged = direct("198.51.100.99", "spoofed-5", "wrong");
        assertThat(forged.statusCode()).as("a fresh forged address does not escape the limit").isEqualTo(429);
        assertThat(forged.headers().firstValue("Retry-After")).isPresent();
        assertThat(APP.lastAuditSubject("login.failed")).contains("address:127.0.0.1").doesNotContain("198.51.100");
    }

    private static HttpResponse<String> direct(String forwardedFor, String user, String password) {
        return APP.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(APP.write(new LoginRequest(user, password)))));
    }

    /** A login sent from the proxy's address, with the client in {@code X-Forwarded-For}. */
    private static Raw viaProxy(String client, String user, String password) throws IOException {
        byte[] body = APP.write(new LoginRequest(user, password)).getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nX-Forwarded-For: 198.51.100.7, " + client
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(PROXY, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", EXT.getLocalPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new Raw(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A whole HTTP/1.1 answer as text: status line, headers, body. */
    private record Raw(String text) {
        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String header(String name) {
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }

        String body() {
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }
    }
}
