package org.fieldsafe.client.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's static files from the class path: the app's own ({@code /app/...}, index at {@code /}) and Lit from its
 * WebJars ({@code /vendor/<webjar>/...}, whatever version Maven resolved). Nothing is loaded from another origin.
 */
final class WebAssets {
    static final String WEB = "org/fieldsafe/client/app/web/";
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.(js|css|json|html|svg)");
    private static final Pattern VENDOR_PATH = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_-][A-Za-z0-9_./-]*\\.js");
    private static final Pattern IMPORT_MAP = Pattern.compile(
            "<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final java.util.List<String> WEBJARS = java.util.List.of("lit", "lit-html", "lit-element",
            "lit__reactive-element");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json; charset=utf-8",
            "html", "text/html; charset=utf-8", "svg", "image/svg+xml");

    /** A file to send. */
    record Asset(String contentType, byte[] bytes) {
    }

    private WebAssets() {
    }

    static Asset index() {
        return new Asset(TYPES.get("html"), resource(WEB + "index.html")
                .orElseThrow(() -> new IllegalStateException("the app's index.html is missing from the jar")));
    }

    /** {@code path} below {@code /app/}, if it names one of the app's files. */
    static Optional<Asset> app(String path) {
        if (!SAFE_PATH.matcher(path).matches() || path.equals("index.html")) {
            return Optional.empty();
        }
        return resource(WEB + path).map(b -> new Asset(TYPES.get(extension(path)), b));
    }

    /** {@code path} below {@code /vendor/}: {@code <webjar>/<file>} of one of the Lit WebJars. */
    static Optional<Asset> vendor(String path) {
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

    /** The CSP source of the index page's inline import map: {@code sha256-<base64>}. */
    static String importMapHash() {
        String html = new String(index().bytes(), StandardCharsets.UTF_8);
        Matcher m = IMPORT_MAP.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("index.html has no import map");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> version(String webjar) {
        return resource("META-INF/maven/org.webjars.npm/" + webjar + "/pom.properties").map(bytes -> {
            Properties p = new Properties();
            try {
                p.load(new java.io.ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p.getProperty("version");
        });
    }

    private static String extension(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static Optional<byte[]> resource(String name) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
