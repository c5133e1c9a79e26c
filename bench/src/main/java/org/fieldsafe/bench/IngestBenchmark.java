package org.fieldsafe.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;

/**
 * The ingest benchmark's command line.
 * <pre>
 * baseline [--rows 2000] [--batch 100] [--dir DIR | --postgres-url JDBC_URL]
 * setup    --server URL --admin-password P [--admin-user admin] [--devices 200] [--study S] [--sites A,B] --out FILE
 * load     --server URL --devices-file FILE [--uploads 20000] [--seconds 60] [--warmup-seconds 0] [--rate 0]
 *          [--templates-per-device 8] [--min-bytes 8192] [--max-bytes 16384]
 *          [--id-days 0] (ids minted over that many past days, {@link MintedIds}; 0: now)
 *          [--db SERVER_SQLITE_FILE | --db-url SERVER_JDBC_URL] [--count-sql "SELECT COUNT(*) FROM submissions"]
 * export-generate, export: the export benchmark ({@link ExportBenchmark})
 * link-code, link: the poor-link sync benchmark ({@link LinkBenchmark})
 * small: the manifest 304 and login paths under many threads ({@link SmallRequests})
 * </pre>
 */
public final class IngestBenchmark {
    static final String STUDY = "beyond-awareness";
    static final int MIN_BYTES = 8 * 1024;
    static final int MAX_BYTES = 16 * 1024;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: IngestBenchmark baseline|setup|load|export-generate|export|link-code|link|small [--option value]...");
            System.exit(2);
        }
        Args a = new Args(args, 1);
        int status = switch (args[0]) {
            case "baseline" -> baseline(a);
            case "setup" -> setup(a);
            case "load" -> load(a);
            case "export-generate" -> ExportBenchmark.generate(a);
            case "export" -> ExportBenchmark.run(a);
            case "link-code" -> LinkBenchmark.code(a);
            case "link" -> LinkBenchmark.run(a);
            case "small" -> SmallRequests.run(a);
            default -> {
                System.err.println("unknown command " + args[0]);
                yield 2;
            }
        };
        System.exit(status);
    }

    private static int baseline(Args a) throws Exception {
        StudyContext study = new StudyContext(STUDY, new FormRef("interview", 1, "0".repeat(64)),
                new FormRef("consent", 1, "0".repeat(64)), Map.of("research", "0".repeat(64), "identity", "1".repeat(64)), null);
        Device device = new Device("dev-bench", "KH-SVR", "enum-bench", "unused");
        StorageBaseline baseline = new StorageBaseline(new EnvelopeFactory(study, MIN_BYTES, MAX_BYTES), device);
        String postgres = a.text("postgres-url", null);
        if (postgres != null) {
            System.out.println(baseline.run(postgres, a.number("rows", 2000), a.number("batch", 100)).format());
            return 0;
        }
        Path dir = a.text("dir", null) == null ? Files.createTempDirectory("fieldsafe-baseline")
                : Files.createDirectories(Path.of(a.text("dir", null)));
        System.out.println(baseline.run(dir, a.number("rows", 2000), a.number("batch", 100)).format());
        System.out.println("files in " + dir);
        return 0;
    }

    private static int setup(Args a) throws Exception {
        Http http = new Http(Http.newClient(), URI.create(a.required("server")));
        List<Device> devices = new DeviceSetup(http).create(a.text("admin-user", "admin"), a.required("admin-password"),
                a.text("study", STUDY), Arrays.asList(a.text("sites", "KH-SVR").split(",")), a.number("devices", 200),
                a.text("prefix", "bench-enum"));
        Device.write(Path.of(a.required("out")), devices);
        System.out.println("enrolled " + devices.size() + " devices into " + a.required("out"));
        return 0;
    }

    private static int load(Args a) throws Exception {
        URI server = URI.create(a.required("server"));
        List<Device> devices = Device.read(Path.of(a.required("devices-file")));
        HttpClient client = Http.newClient();
        StudyContext study = StudyContexts.fromManifest(new Http(client, server), devices.get(0).token(),
                a.text("study", STUDY));
        EnvelopeFactory envelopes = new EnvelopeFactory(study, a.number("min-bytes", MIN_BYTES),
                a.number("max-bytes", MAX_BYTES));
        UploadTemplates templates = new UploadTemplates(envelopes, devices, a.number("templates-per-device", 8), 0x7e3L);
        MintedIds ids = new MintedIds(Duration.ofDays(a.number("id-days", 0)), System.currentTimeMillis());
        LoadGenerator.Result result = new LoadGenerator(server, study, templates, ids).run(devices,
                a.number("uploads", 20_000), Duration.ofSeconds(a.number("warmup-seconds", 0)),
                Duration.ofSeconds(a.number("seconds", 60)), a.number("rate", 0));
        if (result.warmup().uploads() > 0) {
            System.out.println("warm-up:  " + result.warmup().format());
            System.out.println("warm-up, " + result.warmup().formatPerSecond());
        }
        System.out.println("measured: " + result.measured().format());
        System.out.println("measured, " + result.measured().formatPerSecond());
        long windowUploads = result.measured().uploads();
        // One line for run-ingest.sh to line the server's logs up with the window (epoch ms), and the generator's cost.
        System.out.printf(java.util.Locale.ROOT, "window: %d-%d epoch ms, %d uploads; generator CPU %.1f s, %.3f ms"
                        + " per upload%n", result.windowStartMillis(), result.windowEndMillis(), windowUploads,
                result.generatorCpu().toNanos() / 1e9,
                windowUploads == 0 ? 0 : result.generatorCpu().toNanos() / 1e6 / windowUploads);
        System.out.printf(java.util.Locale.ROOT, "%d receipts checked after the run in %.1f s: %s%n",
                result.receiptsChecked(), result.checkTime().toNanos() / 1e9,
                study.receiptKey() == null ? "id and hash (no receipt key in the manifest)"
                        : "id, hash and Ed25519 signature");
        long bad = result.warmup().badReceipts() + result.measured().badReceipts();
        int status = bad == 0 && result.warmup().failures().isEmpty() && result.measured().failures().isEmpty() ? 0 : 1;
        long receipted = result.warmup().receipted() + result.measured().receipted();
        String db = a.text("db", null);
        String dbUrl = a.text("db-url", null);
        if (db != null || dbUrl != null) {
            String sql = a.text("count-sql", "SELECT COUNT(*) FROM submissions");
            long stored;
            try {
                stored = db != null ? ServerCount.count(Path.of(db), sql) : ServerCount.count(dbUrl, sql);
            } catch (SQLException e) {
                System.out.println("cannot count the stored submissions with '" + sql + "': " + e.getMessage());
                return 1;
            }
            boolean equal = stored == receipted;
            System.out.println("stored in the server's database: " + stored + (equal ? " = " : " != ")
                    + receipted + " receipts (warm-up and measured)");
            status = equal ? status : 1;
        }
        return status;
    }
}
