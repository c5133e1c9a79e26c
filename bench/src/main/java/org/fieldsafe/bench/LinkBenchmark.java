package org.fieldsafe.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fieldsafe.client.sync.ShapingProxy;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.NewUserRequest;

/**
 * The poor-link sync benchmark ({@code bench/run-link.sh}):
 * <pre>
 * link-code --server URL --admin-password P --enumerator E [--study S] [--site KH-SVR]
 *           (creates E and the key holders link-dm, link-so, link-pi; prints an enrolment code for E)
 * link --backend-port P --port L --kbit 100 [--rtt-ms 300-600] [--drop-s 30-120] [--outage-ms 3000] [--seed 1]
 *      [--setup "COMMAND"] [--sync "COMMAND" --db SERVER_SQLITE_FILE]
 * </pre>
 * {@code link} puts a {@link ShapingProxy} on port L in front of the server: first at full speed without drops
 * while the setup command runs (the device enrols through it, so it keeps that address), then shaped for the sync
 * command (the real {@code client sync}), timed to its exit 0: a complete, receipted outbox. It then reports
 * goodput (what the server stored, against the line rate over that time), bytes re-sent after drops (request body
 * bytes forwarded minus bytes stored), bytes sent again below an acknowledged offset (must be 0), and the server's
 * stored chunk offsets (contiguous, none twice).
 */
final class LinkBenchmark {
    private LinkBenchmark() {
    }

    static int code(Args a) throws Exception {
        Http http = new Http(Http.newClient(), URI.create(a.required("server")));
        String token = http.post("/auth/login", null, new LoginRequest(a.text("admin-user", "admin"),
                a.required("admin-password"))).path("token").asText();
        String enumerator = a.required("enumerator");
        String site = a.text("site", "KH-SVR");
        http.post("/users", token, new NewUserRequest(enumerator, "enumerator", List.of(site), null));
        // the first holders of the study keys ('admin keys init --holder research=link-dm ...')
        http.post("/users", token, new NewUserRequest("link-dm", "data_manager", List.of(), null));
        http.post("/users", token, new NewUserRequest("link-so", "safeguarding_officer", List.of(site), null));
        http.post("/users", token, new NewUserRequest("link-pi", "principal_investigator", List.of(), null));
        System.out.println(http.post("/enrolments", token,
                new EnrolmentRequest(a.text("study", IngestBenchmark.STUDY), site, enumerator)).path("code").asText());
        return 0;
    }

    static int run(Args a) throws Exception {
        int port = a.number("port", 18090);
        int backend = a.number("backend-port", 18080);
        long bits = a.number("kbit", 100) * 1000L;
        long[] rtt = range(a.text("rtt-ms", "300-600"));
        String drops = a.text("drop-s", "30-120");
        long[] gap = "none".equals(drops) ? null : range(drops);
        ShapingProxy.Profile open = new ShapingProxy.Profile(1_000_000_000_000L, Duration.ZERO, Duration.ZERO, null,
                null, Duration.ZERO, 0);
        if (a.text("setup", null) != null) {
            try (ShapingProxy setup = new ShapingProxy(port, backend, open)) {
                int status = shell(a.text("setup", null));
                if (status != 0) {
                    System.out.println("the setup command exited " + status);
                    return status;
                }
            }
        }
        if (a.text("sync", null) == null) {
            return 0;
        }
        ShapingProxy.Profile profile = new ShapingProxy.Profile(bits, Duration.ofMillis(rtt[0]),
                Duration.ofMillis(rtt[1]), gap == null ? null : Duration.ofSeconds(gap[0]),
                gap == null ? null : Duration.ofSeconds(gap[1]), Duration.ofMillis(a.number("outage-ms", 3000)),
                a.number("seed", 1));
        Path db = Path.of(a.required("db"));
        Stored before = stored(db);
        String load = loadAverage();
        int status;
        long started = System.nanoTime();
        try (ShapingProxy proxy = new ShapingProxy(port, backend, profile)) {
            status = shell(a.required("sync"));
            double seconds = (System.nanoTime() - started) / 1e9;
            Stored after = stored(db);
            long stored = after.bytes() - before.bytes();
            var ledger = proxy.ledger();
            double lineBytes = bits / 8.0 * seconds;
            System.out.printf(Locale.ROOT, "link: %d kbit/s each way, round trip %d-%d ms, drops %s s (outage %d ms,"
                            + " seed %d); load average before: %s, after: %s%n", bits / 1000, rtt[0], rtt[1], drops,
                    a.number("outage-ms", 3000), a.number("seed", 1), load, loadAverage());
            System.out.printf(Locale.ROOT, "sync exit %d after %.1f s; drops during it: %d at %s s%n", status,
                    seconds, proxy.drops(), proxy.dropTimes().stream()
                            .map(t -> String.format(Locale.ROOT, "%.0f", t)).toList());
            System.out.printf(Locale.ROOT, "stored by the server: %d envelopes, %d attachments, %,d bytes%n",
                    after.envelopes() - before.envelopes(), after.attachments() - before.attachments(), stored);
            System.out.printf(Locale.ROOT, "goodput: %.1f kbit/s = %.1f %% of line rate%n",
                    stored * 8 / seconds / 1000, 100.0 * stored / lineBytes);
            double active = proxy.activeSeconds();
            System.out.printf(Locale.ROOT, "from the sync's first connection to its last byte (JVM start left out):"
                    + " %.1f s, goodput %.1f %% of line rate%n", active, 100.0 * stored / (bits / 8.0 * active));
            System.out.printf(Locale.ROOT, "forwarded to the server: %,d bytes in all (%.1f %% of line rate),"
                            + " of which request bodies %,d; to the client: %,d bytes; %d requests, %d chunk PUTs,"
                            + " %d answered 409%n", proxy.upstreamBytes(), 100.0 * proxy.upstreamBytes() / lineBytes,
                    ledger.bodyForwarded(), proxy.downstreamBytes(), ledger.requests(), ledger.chunkRequests(),
                    ledger.conflicts());
            System.out.printf(Locale.ROOT, "re-sent after drops (body bytes forwarded - bytes stored): %,d"
                            + " (%.1f %% of stored); sent again below an acknowledged offset: %,d%n",
                    ledger.bodyForwarded() - stored, 100.0 * (ledger.bodyForwarded() - stored) / Math.max(1, stored),
                    ledger.resentAcknowledged());
            String chunks = chunkCheck(db);
            System.out.println("server's stored chunk offsets: " + chunks);
            if (ledger.resentAcknowledged() > 0 || !chunks.startsWith("contiguous")) {
                status = status == 0 ? 1 : status;
            }
        }
        return status;
    }

    private record Stored(long envelopes, long attachments, long bytes) {
    }

    private static Stored stored(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            long envelopes;
            long envelopeBytes;
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(envelope_length), 0) FROM submissions")) {
                r.next();
                envelopes = r.getLong(1);
                envelopeBytes = r.getLong(2);
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(sealed_bytes), 0) FROM attachments")) {
                r.next();
                return new Stored(envelopes, r.getLong(1), envelopeBytes + r.getLong(2));
            }
        }
    }

    /** The server's chunk rows per attachment: each starts where the one before ended, none twice. */
    private static String chunkCheck(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT submission_id, name, start_offset, end_offset FROM attachment_chunks"
                     + " ORDER BY submission_id, name, start_offset")) {
            String key = null;
            long end = 0;
            long rows = 0;
            List<String> gaps = new ArrayList<>();
            while (r.next()) {
                rows++;
                String k = r.getString(1) + "/" + r.getString(2);
                if (!k.equals(key)) {
                    key = k;
                    end = 0;
                }
                if (r.getLong(3) != end) {
                    gaps.add(k + " at " + r.getLong(3) + " (expected " + end + ")");
                }
                end = r.getLong(4);
            }
            return gaps.isEmpty() ? "contiguous, " + rows + " chunk rows" : "NOT contiguous: " + gaps;
        }
    }

    private static int shell(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("bash", "-c", command).inheritIO().start().waitFor();
    }

    private static long[] range(String text) {
        String[] parts = text.split("-");
        long min = Long.parseLong(parts[0]);
        return new long[] {min, parts.length > 1 ? Long.parseLong(parts[1]) : min};
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
