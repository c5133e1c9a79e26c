package org.fieldsafe.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class JettyDebugFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final JettyDebugFilter filter = new JettyDebugFilter();

    @Test
    void decide_jettyBelowInfo_denied() {
        assertThat(filter.decide(null, context.getLogger("org.eclipse.jetty.io.ChannelEndPoint"), Level.DEBUG,
                "filled {}", null, null)).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, context.getLogger("org.eclipse.jetty.server.HttpChannel"), Level.TRACE,
                "x", null, null)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void decide_jettyInfoAndAboveOrOtherLoggers_leftToTheConfiguredLevels() {
        assertThat(filter.decide(null, context.getLogger("org.eclipse.jetty.server.Server"), Level.INFO, "x", null,
                null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("org.eclipse.jetty.server.Server"), Level.WARN, "x", null,
                null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("org.fieldsafe.server.Anything"), Level.DEBUG, "x", null,
                null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("org.eclipse.jettyish"), Level.INFO, "x", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
