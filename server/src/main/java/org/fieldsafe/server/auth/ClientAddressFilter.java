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
 * the login and enrolment rate limits and the audit log key on the client, not on the proxy.
 */
public final class ClientAddressFilter implements Filter {
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
        chain.doFilter(new HttpServletRequestWrapper(http) {
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
