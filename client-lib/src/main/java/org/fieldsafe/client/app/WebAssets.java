package org.fieldsafe.client.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.core.web.StaticFiles;
import org.fieldsafe.core.web.StaticFiles.Asset;

/**
 * The page's static files from the class path ({@link StaticFiles}): the app's own and the shared modules
 * ({@code /app/...}, index at {@code /}) and Lit from its WebJars ({@code /vendor/<webjar>/...}).
 */
final class WebAssets {
    static final String WEB = "org/fieldsafe/client/app/web/";
    private static final StaticFiles FILES = new StaticFiles(WEB);
    /**
     * Every module of the page's static import graph (web/modulepreload.txt), preloaded so Chromium fetches them at
     * once instead of level by level (main.js, then lit, then lit-element, ...); WebAssetsTest checks the list
     * against the graph the served files import.
     */
    private static final List<String> PRELOAD = preloadList();
    /** The page, built once: it holds nothing that changes between requests. */
    private static final Asset INDEX = StaticFiles.page("Fieldsafe", "app", PRELOAD);

    private WebAssets() {
    }

    /** The page (the shared template): its files below {@code /app/}, its element {@code <fs-app>}. */
    static Asset index() {
        return INDEX;
    }

    private static List<String> preloadList() {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(WEB + "modulepreload.txt")) {
            if (in == null) {
                throw new IllegalStateException("the field app's modulepreload.txt is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URLs of the page's modules, as its index preloads them. */
    static List<String> modules() {
        return PRELOAD;
    }

    /** {@code path} below {@code /app/}, if it names one of the app's files or a shared module. */
    static Optional<Asset> app(String path) {
        return FILES.file(path);
    }

    /** {@code path} below {@code /vendor/}: {@code <webjar>/<file>} of one of the Lit WebJars. */
    static Optional<Asset> vendor(String path) {
        return StaticFiles.vendor(path);
    }

    /** The CSP source of the index page's inline import map: {@code sha256-<base64>}. */
    static String importMapHash() {
        return StaticFiles.importMapHash(index());
    }
}
