package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log line the application writes (all levels) while some requests run, to show that secrets reach none of
 * them; and the check that a secret is nowhere: logs, console, audit log, data files.
 */
public final class LogCapture {
    private LogCapture() {
    }

    /** Work that may throw, run while logs are captured. */
    public interface Work {
        void run() throws Exception;
    }

    /**
     * The text of every server log event (message and stack trace) written while {@code work} ran, with the root
     * logger at ALL; asserts there were some and that Jetty's DEBUG lines (which show ends of bodies) stayed quiet.
     */
    public static String during(Work work) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.ALL);
        try {
            work.run();
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
        }
        List<ILoggingEvent> events;
        // the app's other threads may still be appending; AppenderBase.doAppend holds the appender's lock
        synchronized (captured) {
            captured.stop();
            events = List.copyOf(captured.list);
        }
        assertThat(events).isNotEmpty();
        // Jetty at DEBUG prints the ends of request and response bodies: JettyDebugFilter keeps it quiet
        assertThat(events).noneMatch(e -> e.getLoggerName().startsWith("org.eclipse.jetty")
                && e.getLevel().toInt() < Level.INFO_INT);
        StringBuilder logs = new StringBuilder();
        for (ILoggingEvent event : events) {
            if (event.getLoggerName().startsWith("jdk.internal.httpclient")) {
                continue; // the test's own HTTP client, not the server
            }
            logs.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                logs.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return logs.toString();
    }

    /** Asserts {@code secret} is in none of {@code logs}, the app's console, its audit log and its data files. */
    public static void assertNowhere(TestApp app, String logs, String secret) throws IOException {
        assertThat(logs).as("logs").doesNotContain(secret);
        assertThat(app.console.toString(StandardCharsets.UTF_8)).as("console").doesNotContain(secret);
        String like = "'%" + secret.replace("'", "''") + "%'";
        assertThat(app.count("audit_log", "actor LIKE " + like + " OR event LIKE " + like + " OR subject LIKE "
                + like)).as("audit").isZero();
        for (Map.Entry<Path, String> file : FileScan.filesUnder(app.dataDir).entrySet()) {
            assertThat(file.getValue()).as(file.getKey().toString()).doesNotContain(FileScan.asStoredBytes(secret));
        }
    }
}
