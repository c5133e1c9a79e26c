package org.fieldsafe.client.app;

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

    private WebAssets() {
    }

    /** The page (the shared template): its files below {@code /app/}, its element {@code <fs-app>}. */
    static Asset index() {
        return StaticFiles.page("Fieldsafe", "app");
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
