package org.fieldsafe.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.client.sync.Json;
import org.fieldsafe.core.web.StaticFiles;
import org.junit.jupiter.api.Test;

/** The page's files as the app serves them: the index's preload list against the modules the page imports. */
class WebAssetsTest {
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?:\\bimport|\\bfrom)\\s*[\"']([^\"']+)[\"']");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");
    private static final Pattern DYNAMIC_IMPORT = Pattern.compile("\\bimport\\(\\s*[\"']([^\"']+)[\"']\\s*\\)");

    @Test
    void index_modulePreloads_listEveryModuleThePageImports() throws Exception {
        String index = new String(WebAssets.index().bytes(), StandardCharsets.UTF_8);
        JsonNode imports = importMap(index);
        Set<String> preloaded = new TreeSet<>();
        for (Matcher m = PRELOAD.matcher(index); m.find(); ) {
            preloaded.add(m.group(1));
        }

        // the static import graph from the page's module script, each module served by the app
        Set<String> graph = staticGraph("/app/main.js", imports);
        graph.remove("/app/main.js");

        // fetched at once rather than level by level as each module's imports are read; nothing preloaded unused
        assertThat(graph).hasSizeGreaterThan(8);
        assertThat(preloaded).isEqualTo(graph);
    }

    @Test
    void index_firstScreen_preloadsOnlyTheLockPagesModulesTheOtherScreensLoadAfter() throws Exception {
        String index = new String(WebAssets.index().bytes(), StandardCharsets.UTF_8);
        JsonNode imports = importMap(index);
        String main = new String(serve("/app/main.js").orElseThrow(), StandardCharsets.UTF_8);
        Set<String> later = new TreeSet<>();
        for (Matcher m = DYNAMIC_IMPORT.matcher(main); m.find(); ) {
            later.addAll(staticGraph(resolve("/app/main.js", m.group(1), imports), imports));
        }
        Set<String> first = staticGraph("/app/main.js", imports);
        later.removeAll(first);

        // the lock page's path: no other screen, nothing of the interview, none of Lit's directives
        assertThat(first).contains("/app/lock-screen.js").doesNotContain("/app/home-screen.js",
                "/app/interview-screen.js", "/app/recorder.js", "/vendor/lit/directives/keyed.js");
        assertThat(later).contains("/app/enrol-screen.js", "/app/job-screen.js", "/app/home-screen.js",
                "/app/status-screen.js", "/app/interview-screen.js", "/app/interview-api.js",
                "/app/interview-parts.js", "/app/recorder.js", "/vendor/lit/directives/keyed.js");
        assertThat(index).doesNotContain(later.toArray(String[]::new));
    }

    /** The index page's inline import map's {@code imports}. */
    private static JsonNode importMap(String index) throws Exception {
        Matcher map = IMPORT_MAP.matcher(index);
        assertThat(map.find()).isTrue();
        return Json.mapper().readTree(map.group(1)).path("imports");
    }

    /** {@code root} and every module it imports statically, transitively; each must be served by the app. */
    private static Set<String> staticGraph(String root, JsonNode imports) {
        Set<String> graph = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            String url = todo.poll();
            if (!graph.add(url)) {
                continue;
            }
            String code = new String(serve(url).orElseThrow(() -> new AssertionError("not served: " + url)),
                    StandardCharsets.UTF_8);
            for (Matcher m = STATIC_IMPORT.matcher(code); m.find(); ) {
                todo.add(resolve(url, m.group(1), imports));
            }
        }
        return graph;
    }

    private static Optional<byte[]> serve(String url) {
        if (url.startsWith("/app/")) {
            return WebAssets.app(url.substring("/app/".length())).map(StaticFiles.Asset::bytes);
        }
        assertThat(url).startsWith("/vendor/");
        return WebAssets.vendor(url.substring("/vendor/".length())).map(StaticFiles.Asset::bytes);
    }

    /** A specifier as the browser resolves it: relative to the module, or through the import map. */
    private static String resolve(String from, String specifier, JsonNode imports) {
        if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/")) {
            return URI.create(from).resolve(specifier).getPath();
        }
        if (imports.has(specifier)) {
            return imports.get(specifier).asText();
        }
        String best = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = imports.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (key.endsWith("/") && specifier.startsWith(key) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        assertThat(best).as("the import map resolves " + specifier).isNotNull();
        return imports.get(best).asText() + specifier.substring(best.length());
    }
}
