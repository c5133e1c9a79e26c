package org.fieldsafe.core.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static files of a browser front end (DESIGN.md section 11) from the class path: the front end's own directory,
 * then the modules both front ends share ({@link #SHARED}: light-element.js, i18n.js, error-summary.js), and Lit from
 * its WebJars ({@code <webjar>/<file>}, whatever version Maven resolved). Nothing is loaded from another origin.
 */
public final class StaticFiles {
    /** The class-path directory of the modules the field app and the console share. */
    public static final String SHARED = "org/fieldsafe/core/web/";
    private static final Pattern SAFE_PATH = Pattern.compile(
            "[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.(js|css|json|html|svg|png)");
    private static final Pattern VENDOR_PATH = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_-][A-Za-z0-9_./-]*\\.js");
    private static final Pattern IMPORT_MAP = Pattern.compile(
            "<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final List<String> WEBJARS = List.of("lit", "lit-html", "lit-element", "lit__reactive-element");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json; charset=utf-8",
            "html", "text/html; charset=utf-8", "svg", "image/svg+xml", "png", "image/png");

    /** A file to send. */
    public record Asset(String contentType, byte[] bytes) {
    }

    private final String directory;

    /** The files below the class-path {@code directory} (ending in {@code /}), then the shared ones. */
    public StaticFiles(String directory) {
        this.directory = directory;
    }

    /**
     * The one page of a front end, from the shared template {@code page.html}: titled {@code title}, its style sheet
     * {@code /<name>/<name>.css}, its module {@code /<name>/main.js} defining {@code <fs-<name>>}, and the import map
     * of Lit ({@code lit-import-map.json}), the page's only inline script.
     */
    public static Asset page(String title, String name) {
        String map = new String(resource(SHARED + "lit-import-map.json").orElseThrow(), StandardCharsets.UTF_8)
                .strip();
        String html = new String(resource(SHARED + "page.html").orElseThrow(), StandardCharsets.UTF_8)
                .replace("{title}", title).replace("{name}", name).replace("{importMap}", map);
        return new Asset(TYPES.get("html"), html.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code path} (relative, no dots but the extension's), from the front end's own files or the shared ones. */
    public Optional<Asset> file(String path) {
        if (!SAFE_PATH.matcher(path).matches() || path.endsWith(".html")) {
            return Optional.empty();
        }
        return resource(directory + path).or(() -> resource(SHARED + path))
                .map(b -> new Asset(TYPES.get(extension(path)), b));
    }

    /** {@code path} below {@code /vendor/}: {@code <webjar>/<file>} of one of the Lit WebJars. */
    public static Optional<Asset> vendor(String path) {
        int slash = path.indexOf('/');
        if (slash < 0 || !WEBJARS.contains(path.substring(0, slash))) {
            return Optional.empty();
        }
        String webjar = path.substring(0, slash);
        String file = path.substring(slash + 1);
        if (!VENDOR_PATH.matcher(file).matches()) {
            return Optional.empty();
        }
        return version(webjar).flatMap(v -> resource("META-INF/resources/webjars/" + webjar + "/" + v + "/" + file))
                .map(b -> new Asset(TYPES.get(extension(file)), b));
    }

    /** The CSP source of a page's one inline script, its import map: {@code sha256-<base64>}. */
    public static String importMapHash(Asset page) {
        String html = new String(page.bytes(), StandardCharsets.UTF_8);
        Matcher m = IMPORT_MAP.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("the page has no import map");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Content-Security-Policy of a front end whose only inline script is the import map of this hash: no eval,
     * nothing from another origin, no framing; {@code media-src 'self'} for the field app's recordings.
     */
    public static String contentSecurityPolicy(String importMapHash) {
        return "default-src 'self'; script-src 'self' '" + importMapHash + "'"
                + "; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; media-src 'self';"
                + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * The headers of DESIGN.md section 11 on every answer of a front end: the policy above, no caching, no sniffing,
     * no framing, no referrer; {@code permissions} is the front end's Permissions-Policy.
     */
    public static Map<String, String> securityHeaders(String importMapHash, String permissions) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy(importMapHash));
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Permissions-Policy", permissions);
        return Map.copyOf(headers);
    }

    private static Optional<String> version(String webjar) {
        return resource("META-INF/maven/org.webjars.npm/" + webjar + "/pom.properties").map(bytes -> {
            Properties p = new Properties();
            try {
                p.load(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p.getProperty("version");
        });
    }

    private static String extension(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static Optional<byte[]> resource(String name) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
