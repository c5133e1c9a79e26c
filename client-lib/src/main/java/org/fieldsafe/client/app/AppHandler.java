package org.fieldsafe.client.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;
import org.fieldsafe.core.web.StaticFiles;
import org.fieldsafe.client.ClientException;

/**
 * Every request: the Host check first, then the launch link (once) or the session cookie, then for the API the
 * Origin check; static files otherwise. A refusal is a problem and changes nothing; an unexpected failure is a
 * plain 500 problem without details (nothing of the request is echoed or logged).
 */
final class AppHandler implements HttpHandler {
    private final AppAccess access;
    private final AppApi api;

    AppHandler(AppAccess access, AppApi api) {
        this.access = access;
        this.api = api;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        try {
            access.checkHost(ex);
            if (path.startsWith("/launch/") && "GET".equals(ex.getRequestMethod())) {
                String token = access.launch(path.substring("/launch/".length()));
                ex.getResponseHeaders().add("Set-Cookie", access.cookie(token));
                ex.getResponseHeaders().set("Location", "/");
                Exchanges.send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
                return;
            }
            access.checkSession(ex);
            if (path.startsWith("/api/v1/")) {
                access.checkOrigin(ex);
                api.handle(ex, path.substring("/api/v1/".length()));
                return;
            }
            staticFile(ex, path);
        } catch (Exchanges.Refused r) {
            Exchanges.problem(ex, r.status, r.type, r.getMessage());
        } catch (ClientException e) {
            Exchanges.problem(ex, status(e), ErrorWords.key(e), e.getMessage());
        } catch (RuntimeException e) {
            Exchanges.problem(ex, 500, "internal", "the app failed unexpectedly; nothing was changed");
        }
    }

    private static void staticFile(HttpExchange ex, String path) throws IOException, Exchanges.Refused {
        if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
            throw new Exchanges.Refused(405, "method-not-allowed", "only GET here");
        }
        Optional<StaticFiles.Asset> asset;
        if (path.equals("/")) {
            asset = Optional.of(WebAssets.index());
        } else if (path.startsWith("/app/")) {
            asset = WebAssets.app(path.substring("/app/".length()));
        } else if (path.startsWith("/vendor/")) {
            asset = WebAssets.vendor(path.substring("/vendor/".length()));
        } else {
            asset = Optional.empty();
        }
        StaticFiles.Asset found = asset.orElseThrow(() -> new Exchanges.Refused(404, "not-found", "no such file"));
        Exchanges.send(ex, 200, found.contentType(), found.bytes());
    }

    /** The status for a failure of the facade: the device's state (409), the input (422) or the server (502). */
    static int status(ClientException e) {
        return switch (e.reason()) {
            case ALREADY_ENROLLED, OUTBOX_NOT_EMPTY -> 409;
            case USAGE, REJECTED, UNAUTHORISED, NOT_ENROLLED -> 422;
            case NETWORK, SERVER, INTEGRITY -> 502;
            case STORE -> 500;
        };
    }

}
