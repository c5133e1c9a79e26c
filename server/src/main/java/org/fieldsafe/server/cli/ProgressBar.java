package org.fieldsafe.server.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr: phase, a bar, done/total; redrawn in place, at most every 200 ms. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long INTERVAL_MILLIS = 200;

    private final PrintStream err;
    private String lastLine = "";
    private long lastDrawn;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    /** Redraws the bar, unless it was drawn less than 200 ms ago and the phase is the same. */
    synchronized void update(String phase, long done, long total) {
        long now = System.currentTimeMillis();
        String line = line(phase, done, total);
        if (line.equals(lastLine) || (now - lastDrawn < INTERVAL_MILLIS && lastLine.startsWith(phase + " "))) {
            return;
        }
        err.print("\r" + line);
        err.flush();
        lastLine = line;
        lastDrawn = now;
    }

    /** Ends the bar's line. */
    synchronized void finish() {
        if (!lastLine.isEmpty()) {
            err.println();
        }
        lastLine = "";
    }

    static String line(String phase, long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        return String.format(Locale.ROOT, "%-8s [%s%s] %d/%d", phase, "#".repeat(filled), " ".repeat(WIDTH - filled),
                done, total);
    }
}
