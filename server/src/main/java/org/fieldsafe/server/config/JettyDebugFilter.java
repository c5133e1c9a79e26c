package org.fieldsafe.server.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops Jetty's DEBUG and TRACE events, whatever level the configuration or the log-level admin task sets: at those
 * levels Jetty prints the first and last bytes of request and response bodies (the tail of a login password, a
 * passphrase, a name in an identity part). INFO and above pass as configured.
 */
public final class JettyDebugFilter extends TurboFilter {
    private static final String JETTY = "org.eclipse.jetty";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level != null && level.toInt() < Level.INFO_INT && logger.getName().startsWith(JETTY)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    /** Adds the filter to the logging context (once) when the logging backend is Logback. */
    public static void install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(JettyDebugFilter.class::isInstance)) {
            JettyDebugFilter filter = new JettyDebugFilter();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }
}
