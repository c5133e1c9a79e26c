package org.fieldsafe.client.app;

import com.sun.net.httpserver.Headers;

/**
 * The headers on every answer of the app (DESIGN.md section 11): a strict Content-Security-Policy (scripts only from
 * the app itself, plus the inline import map by its hash), no caching, no sniffing, no framing, no referrer.
 */
final class SecurityHeaders {
    /** The policy: the one inline script allowed is the index page's import map, by its SHA-256. */
    static final String CSP = "default-src 'self'; script-src 'self' '" + WebAssets.importMapHash() + "'"
                + "; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; media-src 'self';"
                + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(Headers h) {
        h.set("Content-Security-Policy", CSP);
        h.set("Cache-Control", "no-store");
        h.set("Pragma", "no-cache");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Permissions-Policy", "camera=(), geolocation=(), microphone=(self)");
    }
}
