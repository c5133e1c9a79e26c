package org.fieldsafe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client behind a trusted proxy: its address, and TLS when the proxy says so (the console's Secure cookie). */
class ClientAddressFilterTest {
    private static final ClientAddressFilter FILTER = new ClientAddressFilter(
            new TrustedProxies(List.of("10.0.0.0/8")), "X-Forwarded-For");

    /** A plain-HTTP request from {@code peer} with these headers. */
    private static HttpServletRequest request(String peer, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "isSecure" -> false;
                    case "getScheme" -> "http";
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaders" -> headers.containsKey((String) args[0])
                            ? Collections.enumeration(List.of(headers.get((String) args[0])))
                            : Collections.emptyEnumeration();
                    default -> null;
                });
    }

    private static HttpServletRequest passed(HttpServletRequest request) throws Exception {
        AtomicReference<ServletRequest> seen = new AtomicReference<>();
        FILTER.doFilter(request, null, (req, res) -> seen.set(req));
        return (HttpServletRequest) seen.get();
    }

    @Test
    void doFilter_trustedProxySaysHttps_requestIsSecure() throws Exception {
        HttpServletRequest seen = passed(request("10.1.2.3", Map.of("X-Forwarded-For", "203.0.113.7",
                "X-Forwarded-Proto", "https")));

        assertThat(seen.isSecure()).isTrue();
        assertThat(seen.getScheme()).isEqualTo("https");
        assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.7");
    }

    @Test
    void doFilter_untrustedPeerSaysHttps_requestStaysPlain() throws Exception {
        HttpServletRequest seen = passed(request("198.51.100.9", Map.of("X-Forwarded-Proto", "https")));

        assertThat(seen.isSecure()).isFalse();
        assertThat(seen.getScheme()).isEqualTo("http");
        assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.9");
    }

    @Test
    void doFilter_trustedProxyWithoutProto_requestStaysPlain() throws Exception {
        assertThat(passed(request("10.1.2.3", Map.of("X-Forwarded-For", "203.0.113.7"))).isSecure()).isFalse();
    }
}
