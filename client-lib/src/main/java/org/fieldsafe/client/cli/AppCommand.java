package org.fieldsafe.client.cli;

import java.awt.Desktop;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.app.AppServer;
import org.fieldsafe.core.crypto.PassphraseCipher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code app}: the field app, a local web page served on 127.0.0.1 by this process until it is stopped. */
@Command(name = "app", description = {
        "Start the field app: a page in your browser, served by this process on 127.0.0.1 only, for enrolling,",
        "pulling forms, the home screen and syncing. It prints (and opens) a link with a one-time launch secret;",
        "keep this process running while you work and stop it with Ctrl+C. A second 'client app' on the same",
        "home says where the first one runs. At first start the page asks for an app passphrase (quick-hide and",
        "idle time lock the app; the passphrase unlocks it)."})
final class AppCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Listen on this port of 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--no-browser", description = "Only print the link; do not open a browser.")
    boolean noBrowser;

    @Override
    public Integer call() throws ClientException, InterruptedException {
        ClientMain main = (ClientMain) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        AppServer app = AppServer.start(new AppServer.Options(home.resolve(main.env()), AppServer.LOOPBACK, port,
                "en", PassphraseCipher.DEFAULT_COST, main.settings()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }));
        out.println("field app running at " + app.origin() + "/ (stop it with Ctrl+C)");
        out.println("open this link once (it works one time only): " + app.launchUri());
        out.flush();
        if (!noBrowser) {
            open(app, out);
        }
        stopped.await();
        return 0;
    }

    private static void open(AppServer app, PrintWriter out) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(app.launchUri());
                return;
            }
        } catch (Exception | LinkageError e) {
            // no desktop API here: try the free desktops' opener below
        }
        try {
            Process opener = new ProcessBuilder("xdg-open", app.launchUri().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (opener.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && opener.exitValue() == 0) {
                return;
            }
        } catch (java.io.IOException e) {
            // no xdg-open either
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("could not open a browser here: open the link above yourself");
        out.flush();
    }
}
