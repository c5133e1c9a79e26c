package org.fieldsafe.client.app;

import com.sun.net.httpserver.Headers;
import java.util.Map;
import org.fieldsafe.core.web.StaticFiles;

/**
 * The headers on every answer of the app (DESIGN.md section 11): a strict Content-Security-Policy (scripts only from
 * the app itself, plus the inline import map by its hash), no caching, no sniffing, no framing, no referrer.
 */
final class SecurityHeaders {
    /** The headers; the one inline script allowed is the index page's import map, by its SHA-256. */
    private static final Map<String, String> HEADERS = StaticFiles.securityHeaders(WebAssets.importMapHash(),
            "camera=(), geolocation=(), microphone=(self)");
    /** The policy. */
    static final String CSP = HEADERS.get("Content-Security-Policy");

    private SecurityHeaders() {
    }

    static void apply(Headers h) {
        HEADERS.forEach(h::set);
    }
}
