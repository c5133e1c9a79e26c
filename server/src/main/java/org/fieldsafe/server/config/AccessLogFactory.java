package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.request.logging.old.ClassicLogFormat;
import io.dropwizard.request.logging.old.LogbackClassicRequestLogFactory;
import java.util.TimeZone;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.RequestLog;

/**
 * The access log ({@code server.requestLog}, {@code type: fieldsafe}): Dropwizard's {@code classic} log (Jetty's
 * formatter, the same appenders) with its line less the {@code Referer}, a whole address the client chooses, query
 * and all. What is left names the path without its query ({@code %U}): no line carries a query string.
 */
@JsonTypeName("fieldsafe")
public class AccessLogFactory extends LogbackClassicRequestLogFactory {
    private static final String REFERER = " \"%{Referer}i\"";

    @Override
    public RequestLog build(String name) {
        RequestLog classic = super.build(name);
        if (!(classic instanceof CustomRequestLog log)) {
            throw new IllegalStateException("Dropwizard's classic access log is no longer Jetty's CustomRequestLog");
        }
        return new CustomRequestLog(log.getWriter(), format(getTimeZone()));
    }

    /** Dropwizard's classic format without the {@code Referer}. */
    static String format(TimeZone zone) {
        String classic = ClassicLogFormat.pattern(zone);
        if (!classic.contains(REFERER)) {
            throw new IllegalStateException("Dropwizard's classic access log format has changed: " + classic);
        }
        return classic.replace(REFERER, "");
    }
}
