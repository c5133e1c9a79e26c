package org.fieldsafe.server.resources.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.web.StaticFiles;
import org.fieldsafe.core.web.StaticFiles.Asset;
import org.fieldsafe.core.web.UiTexts;

/**
 * The console's static files, from the server jar (DESIGN.md section 13): the page at {@code /}, the console's own
 * modules and the modules it shares with the field app at {@code /console/...}, Lit at {@code /vendor/...}, and the
 * console's words at {@code /texts/<lang>/<area>.json} (English where a language lacks a text, marked). Anything else
 * is a 404 problem. The data comes only from {@code /api/v1}.
 */
public final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The class-path directory of the console's files. */
    public static final String WEB = "org/fieldsafe/server/console/web/";
    static final StaticFiles FILES = new StaticFiles(WEB);
    private static final Pattern TEXTS = Pattern.compile("/texts/([a-z]{2,3})/([a-z]+)\\.json");

    /** The page, built once: it holds nothing that changes between requests. */
    private static final Asset INDEX = StaticFiles.page("Fieldsafe console", "console");
    private final transient ObjectMapper json;

    public ConsoleServlet(ObjectMapper json) {
        this.json = json;
    }

    /** The console's page (the shared template): its files below {@code /console/}, its element {@code <fs-console>}. */
    public static Asset index() {
        return INDEX;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Asset> asset = asset(path);
        if (asset.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(asset.get().contentType());
        response.setContentLength(asset.get().bytes().length);
        response.getOutputStream().write(asset.get().bytes());
    }

    private Optional<Asset> asset(String path) throws IOException {
        if (path.equals("/") || path.equals("/index.html")) {
            return Optional.of(index());
        }
        if (path.startsWith("/console/")) {
            return FILES.file(path.substring("/console/".length()));
        }
        if (path.startsWith("/vendor/")) {
            return StaticFiles.vendor(path.substring("/vendor/".length()));
        }
        Matcher texts = TEXTS.matcher(path);
        if (texts.matches() && UiTexts.known(texts.group(1))) {
            String area = texts.group(2);
            if (StaticFiles.class.getClassLoader().getResource(WEB + "i18n/en/" + area + ".json") == null) {
                return Optional.empty();
            }
            UiTexts.Texts words = new UiTexts(lang -> WEB + "i18n/" + lang + "/" + area + ".json")
                    .of(texts.group(1));
            return Optional.of(new Asset("application/json; charset=utf-8", json.writeValueAsBytes(
                    new ConsoleTexts(words.lang(), words.state().wire(), words.texts(), UiTexts.LANGUAGES))));
        }
        return Optional.empty();
    }

    /** One area's words in one language, as the shared {@code i18n.js} takes them, and the languages to pick. */
    record ConsoleTexts(String lang, String state, java.util.Map<String, UiTexts.Text> texts,
                        java.util.Map<String, String> languages) {
    }
}
