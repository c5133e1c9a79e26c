package org.fieldsafe.server.resources.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.fieldsafe.core.web.StaticFiles;

/**
 * The headers of DESIGN.md section 11 on every response of the server (pages, assets, API answers, problems, 404s):
 * a strict Content-Security-Policy (scripts only from the server, plus the console page's import map by its hash; no
 * eval; no framing), no caching, no sniffing, no referrer. Set before the request goes on, so even errors carry them.
 */
public final class SecurityHeadersFilter implements Filter {
    /** The headers; the one inline script allowed is the console page's import map, by its SHA-256. */
    public static final Map<String, String> HEADERS = StaticFiles.securityHeaders(
            StaticFiles.importMapHash(ConsoleServlet.index()), "camera=(), geolocation=(), microphone=()");
    /** The policy. */
    public static final String CSP = HEADERS.get("Content-Security-Policy");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            HEADERS.forEach(http::setHeader);
        }
        chain.doFilter(request, response);
    }
}
