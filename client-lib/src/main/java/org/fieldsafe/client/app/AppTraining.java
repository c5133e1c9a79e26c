package org.fieldsafe.client.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.core.crypto.PassphraseCipher;

/**
 * The training run of {@code client app}'s class-data-sharing archive (the {@code fieldsafe} launcher runs it once
 * per build and java with {@code -XX:ArchiveClassesAtExit}, which writes the archive only at a normal exit; BENCHMARKS.md
 * section (j)): the command line parsed as the launcher's {@code client app} is, the app started on an empty
 * temporary home, the first screen's requests made as the page makes them (launch link, index, modules, session),
 * then everything closed. Nothing of a real home is read; nothing is printed. Its {@code main} is the command line's
 * {@code org.fieldsafe.client.cli.AppTrainingRun}, which parses {@code client app}'s arguments first (the app may not
 * depend on the command line).
 */
public final class AppTraining {
    private AppTraining() {
    }

    /** Starts the app on {@code home} (a new, empty folder), makes the first screen's requests and closes it. */
    public static void firstScreen(Path home) throws IOException, ClientException {
        try (AppServer app = AppServer.start(new AppServer.Options(home, AppServer.LOOPBACK, 0, "en",
                PassphraseCipher.DEFAULT_COST, FieldsafeClient.Settings.defaults()))) {
            app.warmUp().join();
            firstScreen(app);
        }
    }

    /** The page's first requests: the launch link, then with its cookie the index, its files and the session. */
    private static void firstScreen(AppServer app) throws IOException {
        int port = Integer.parseInt(app.origin().substring(app.origin().lastIndexOf(':') + 1));
        String launched = get(port, app.launchUri().getRawPath(), "");
        String cookie = launched.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11)).findFirst()
                .map(l -> l.substring(11, l.indexOf(';')).strip()).orElseThrow(() -> new IllegalStateException(
                        "the training run's launch was refused"));
        List<String> paths = new ArrayList<>(List.of("/", "/app/app.css", "/app/main.js"));
        paths.addAll(WebAssets.modules());
        paths.add("/api/v1/session");
        for (String path : paths) {
            get(port, path, "Cookie: " + cookie + "\r\nOrigin: " + app.origin() + "\r\n");
        }
    }

    /** One GET over its own connection; the answer's head and body as text. */
    private static String get(int port, String path, String headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName(AppServer.LOOPBACK), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + AppServer.LOOPBACK + ":" + port + "\r\n" + headers
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!answer.startsWith("HTTP/1.1 2") && !answer.startsWith("HTTP/1.1 3")) {
                throw new IllegalStateException("the training run's GET " + path.replaceAll("/launch/.*", "/launch/")
                        + " was refused: " + answer.lines().findFirst().orElse(""));
            }
            return answer;
        }
    }
}
