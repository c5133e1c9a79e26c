package org.fieldsafe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = new TrustedProxies(List.of("127.0.0.1", "10.8.0.0/16", "::1"));

    @Test
    void client_trustedPeer_rightMostUntrustedHop() {
        assertThat(proxies.client("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        // the left entries were written by the client: a forged one there changes nothing
        assertThat(proxies.client("127.0.0.1", List.of("198.51.100.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        // a chain of trusted proxies is walked through
        assertThat(proxies.client("127.0.0.1", List.of("203.0.113.7, 10.8.3.4"))).isEqualTo("203.0.113.7");
        assertThat(proxies.client("127.0.0.1", List.of("203.0.113.7", "10.8.3.4"))).isEqualTo("203.0.113.7");
        assertThat(proxies.client("0:0:0:0:0:0:0:1", List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
        assertThat(proxies.client("[::1]", List.of("[2001:db8::5]"))).isEqualTo("2001:db8::5");
    }

    @Test
    void client_untrustedPeer_headerIgnored() {
        assertThat(proxies.client("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(new TrustedProxies(List.of()).client("127.0.0.1", List.of("198.51.100.1")))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void client_trustedPeerWithoutOrWithGarbledHeader_lastTrustworthyHop() {
        assertThat(proxies.client("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
        assertThat(proxies.client("127.0.0.1", List.of("evil.example, not-an-address"))).isEqualTo("127.0.0.1");
        assertThat(proxies.client("127.0.0.1", List.of("not-an-address, 10.8.0.1"))).isEqualTo("10.8.0.1");
    }
}
