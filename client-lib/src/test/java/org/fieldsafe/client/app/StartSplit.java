package org.fieldsafe.client.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Where one start of {@code client app} went, for {@link FieldAppBenchmark} (BENCHMARKS.md section (j)): the JVM
 * until the launch link is printed (the app's own stdout), then in Chromium (Navigation and Resource Timing, from
 * the launch link's navigation start): the launch redirect, the index, each module's fetch, DOMContentLoaded (all
 * modules fetched, compiled and run), the first API answers, and the first screen usable. Milliseconds.
 */
record StartSplit(int start, double linkPrinted, double linkToNavigation, Map<String, Object> navigation,
                  List<Map<String, Object>> resources, double usable) {
    /** Navigation, resources and the moment of reading, all relative to the navigation's start. */
    private static final String TIMINGS = """
            const n = performance.getEntriesByType('navigation')[0].toJSON();
            const r = performance.getEntriesByType('resource').map((e) => ({ name: new URL(e.name).pathname,
              startTime: e.startTime, requestStart: e.requestStart, responseStart: e.responseStart,
              responseEnd: e.responseEnd }));
            return { timeOrigin: performance.timeOrigin, now: performance.now(), navigation: n, resources: r };
            """;

    /**
     * The split of start number {@code index} (0 the first): {@code linkPrinted} ms after the JVM was started, at
     * {@code epochStart} ({@link System#currentTimeMillis()} just before), read from the page now usable.
     */
    @SuppressWarnings("unchecked")
    static StartSplit of(int index, double linkPrinted, long epochStart, JavascriptExecutor page) {
        Map<String, Object> t = (Map<String, Object>) page.executeScript(TIMINGS);
        double navigationStart = number(t.get("timeOrigin")) - epochStart;
        return new StartSplit(index + 1, linkPrinted, navigationStart - linkPrinted,
                (Map<String, Object>) t.get("navigation"), (List<Map<String, Object>>) t.get("resources"),
                number(t.get("now")));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "start %d: JVM to link printed %.0f | link to navigation %.0f | in Chromium from navigation:"
                        + " launch redirect %.0f-%.0f, index request %.0f, response %.0f-%.0f,"
                        + " DOM interactive %.0f, DOMContentLoaded %.0f, load %.0f, usable %.0f | total %.0f%n",
                start, linkPrinted, linkToNavigation, nav("redirectStart"), nav("redirectEnd"), nav("requestStart"),
                nav("responseStart"), nav("responseEnd"), nav("domInteractive"), nav("domContentLoadedEventEnd"),
                nav("loadEventEnd"), usable, linkPrinted + linkToNavigation + usable));
        for (Map<String, Object> r : resources) {
            out.append(String.format(Locale.ROOT, "    %-48s start %6.1f  request %6.1f  first byte %6.1f  end %6.1f%n",
                    r.get("name"), number(r.get("startTime")), number(r.get("requestStart")),
                    number(r.get("responseStart")), number(r.get("responseEnd"))));
        }
        return out.toString().stripTrailing();
    }

    /** The phases' names, for {@link #phases()}. */
    static final List<String> PHASES = List.of("JVM to link printed", "link to navigation", "navigation to index end",
            "index end to last module end", "last module end to DOMContentLoaded", "DOMContentLoaded to usable",
            "total");

    /** The length of each of {@link #PHASES}, ms. */
    List<Double> phases() {
        double lastModule = resources.stream().filter(r -> String.valueOf(r.get("name")).endsWith(".js"))
                .mapToDouble(r -> number(r.get("responseEnd"))).max().orElse(nav("responseEnd"));
        return List.of(linkPrinted, linkToNavigation, nav("responseEnd"), lastModule - nav("responseEnd"),
                nav("domContentLoadedEventEnd") - lastModule, usable - nav("domContentLoadedEventEnd"),
                linkPrinted + linkToNavigation + usable);
    }

    private double nav(String key) {
        return number(navigation.get(key));
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
