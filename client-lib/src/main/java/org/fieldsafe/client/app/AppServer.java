package org.fieldsafe.client.app;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.core.crypto.PasswordHasher;

/**
 * The field app (DESIGN.md section 12): a small HTTP server on 127.0.0.1 inside the client process, serving the page
 * and its JSON API over one device home's {@link FieldsafeClient}. One app per home ({@link AppLock}).
 */
public final class AppServer implements AutoCloseable {
    /** The only address the app listens on. */
    public static final String LOOPBACK = "127.0.0.1";
    /**
     * The JDK server's switch for {@code TCP_NODELAY}, read once, when the process makes its first server. Off by
     * default: then an answer's body (written after its headers) waits for the browser's delayed ACK of the headers,
     * about 40 ms on Linux, on every request of a kept-alive connection - every module of the page and every step.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /**
     * How to start: the home, the address and port (0 picks a free one), the first UI language, the Argon2id cost of
     * the app passphrase, the facade's settings (its clock included).
     */
    public record Options(Path home, String address, int port, String language, PasswordHasher.Cost passphraseCost,
                          FieldsafeClient.Settings settings) {
    }

    private final AppLock lock;
    private final FieldsafeClient client;
    private final HttpServer http;
    private final ExecutorService executor;
    private final Jobs jobs;
    private final AppAccess access;
    private final HomeView view;
    private final CompletableFuture<Void> warmUp;

    private AppServer(AppLock lock, FieldsafeClient client, HttpServer http, ExecutorService executor, Jobs jobs,
                      AppAccess access, HomeView view, CompletableFuture<Void> warmUp) {
        this.lock = lock;
        this.client = client;
        this.http = http;
        this.executor = executor;
        this.jobs = jobs;
        this.access = access;
        this.view = view;
        this.warmUp = warmUp;
    }

    /** Starts the app; refuses any address but 127.0.0.1, and a home whose app already runs. */
    public static AppServer start(Options options) throws ClientException {
        if (!LOOPBACK.equals(options.address())) {
            throw new ClientException(Reason.USAGE, "the field app listens on " + LOOPBACK + " only (refusing "
                    + options.address() + "): it must not be reachable from another machine");
        }
        if (options.port() < 0 || options.port() > 65535) {
            throw new ClientException(Reason.USAGE, "--port must be between 0 and 65535");
        }
        AppLock lock = AppLock.acquire(options.home());
        FieldsafeClient client = null;
        try {
            DeviceStore store = DeviceStore.open(options.home());
            client = new FieldsafeClient(store, options.settings());
            HttpServer http = bind(options.port());
            Clock clock = options.settings().clock();
            Jobs jobs = new Jobs(clock);
            HomeView view = new HomeView(client, store, clock);
            AppAccess access = new AppAccess(http.getAddress().getPort(), clock, view::autoLock);
            AppApi api = new AppApi(client, view, access, new AppPassphrase(options.home(), options.passphraseCost()),
                    jobs, clock, UiTexts.known(options.language()) ? options.language() : UiTexts.MASTER);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "fieldsafe-app-http");
                t.setDaemon(true);
                return t;
            });
            http.createContext("/", new AppHandler(access, api));
            http.setExecutor(executor);
            http.start();
            // the first screen's one-time work (the page's headers and index, the session answer: class loading,
            // the study parsed, Jackson's first use) on one of the app's threads now, while the browser opens the
            // link, instead of on the first requests' path (BENCHMARKS.md section (j))
            CompletableFuture<Void> warmUp = CompletableFuture.runAsync(() -> {
                SecurityHeaders.apply(new Headers());
                api.warmUp();
            }, executor);
            AppServer server = new AppServer(lock, client, http, executor, jobs, access, view, warmUp);
            lock.record(server.origin() + "/");
            return server;
        } catch (ClientException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            lock.close();
            throw e;
        }
    }

    private static HttpServer bind(int port) throws ClientException {
        System.setProperty(NO_DELAY, "true");
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 16);
        } catch (IOException e) {
            throw new ClientException(Reason.USAGE, "could not listen on " + LOOPBACK + ":" + port + " ("
                    + e.getMessage() + "); choose another --port", e);
        }
    }

    /** The start's warm-up ({@link AppApi#warmUp()}), done when it has finished; for tests. */
    CompletableFuture<Void> warmUp() {
        return warmUp;
    }

    /** What the home and session answers read; for tests. */
    HomeView view() {
        return view;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String origin() {
        return access.origin();
    }

    /** The one-time launch link to open in the browser. */
    public URI launchUri() {
        return URI.create(origin() + access.launchPath());
    }

    @Override
    public void close() {
        http.stop(0);
        jobs.close();
        executor.shutdownNow();
        client.close();
        lock.close();
    }
}
