package org.fieldsafe.server.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Makes {@code getRemoteAddr()} the real client behind a trusted reverse proxy ({@link TrustedProxies}), so that
 * the login and enrolment rate limits and the audit log key on the client, not on the proxy; and makes the request
 * {@code isSecure()} when that proxy says the client came over TLS ({@code X-Forwarded-Proto: https}), so the console's
 * session cookie is marked Secure behind it.
 */
public final class ClientAddressFilter implements Filter {
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    private final TrustedProxies proxies;
    private final String header;

    public ClientAddressFilter(TrustedProxies proxies, String header) {
        this.proxies = proxies;
        this.header = header;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (proxies.none() || !(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        List<String> forwarded = Collections.list(http.getHeaders(header));
        String client = proxies.client(http.getRemoteAddr(), forwarded);
        boolean secure = http.isSecure() || proxies.isTrusted(http.getRemoteAddr())
                && "https".equalsIgnoreCase(String.valueOf(http.getHeader(FORWARDED_PROTO)).strip());
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getScheme() {
                return secure ? "https" : super.getScheme();
            }

            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }
}
