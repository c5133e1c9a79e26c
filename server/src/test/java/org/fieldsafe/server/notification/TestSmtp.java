package org.fieldsafe.server.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.stream.Stream;

/**
 * An in-process SMTP server (GreenMail) on a free loopback port chosen before the app starts (the app's
 * configuration must name it), and the configuration overrides that point the app's notifications at it.
 */
public final class TestSmtp {
    public static final String FROM = "fieldsafe@example.org";
    public static final String PUBLIC_URL = "https://fieldsafe.example.org";

    public final int port = freePort();
    public final GreenMailExtension extension = new GreenMailExtension(new ServerSetup(port, "127.0.0.1", "smtp"));

    /** Notifications' SMTP settings pointing at this server, plus {@code more}; notifications stay as configured. */
    public ConfigOverride[] overrides(ConfigOverride... more) {
        return Stream.concat(Stream.of(
                ConfigOverride.config("notifications.smtp.host", "127.0.0.1"),
                ConfigOverride.config("notifications.smtp.port", Integer.toString(port)),
                ConfigOverride.config("notifications.smtp.security", "NONE"),
                ConfigOverride.config("notifications.smtp.from", FROM),
                ConfigOverride.config("notifications.publicBaseUrl", PUBLIC_URL)), Stream.of(more))
                .toArray(ConfigOverride[]::new);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
