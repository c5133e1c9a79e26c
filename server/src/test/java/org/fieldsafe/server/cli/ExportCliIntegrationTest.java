package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.server.export.SealedInterviews;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin export} against a running server: the job path (progress bar, downloads checked against the
 * manifest) and the offline {@code --key FILE} path (key fetched with {@code admin keys fetch}, sealed pull, engine
 * run locally) give the same rows, pseudonyms aside.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ExportCliIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static String dataManagerPassword;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        dataManagerPassword = APP.createUser(UPLOADS.admin, "cli-dm", "data_manager", List.of()).password();
        for (int i = 1; i <= 7; i++) {
            String category = i <= 6 ? "RH" : "DB";
            assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, "KH-SVR-" + category + "-" + (200 + i),
                    category, 30 + i, "A long walk by the canal, answer " + i)).statusCode()).isEqualTo(201);
        }
    }

    private CliRun admin(String passphrase, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("FIELDSAFE_ADMIN_HOME", dir.resolve("home").toString());
        env.put("FIELDSAFE_SERVER", APP.baseUrl());
        env.put("FIELDSAFE_USER", "cli-dm");
        env.put("FIELDSAFE_PASSWORD", dataManagerPassword);
        if (passphrase != null) {
            env.put("FIELDSAFE_PASSPHRASE_RESEARCH", passphrase);
        }
        return CliRun.of(env, args);
    }

    @Test
    void export_onTheServerAndOffline_sameRowsPseudonymsAside() throws IOException {
        Path server = dir.resolve("server");
        CliRun online = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out", server.toString(),
                "--format", "wide,long");
        assertThat(online.exit()).as(online.err()).isZero();
        assertThat(online.out()).contains("Exported 6 interviews").contains("1 respondents suppressed").contains("matches the SHA-256");
        assertThat(online.err()).contains("#").contains("/");
        assertThat(server.resolve("manifest.json")).isRegularFile();
        assertThat(server.resolve(ExportFormat.JSONL.fileName())).doesNotExist();

        Path keyFile = dir.resolve("research.key");
        CliRun fetch = admin(null, "keys", "fetch", "--study", TestApp.STUDY, "--purpose", "research", "--out",
                keyFile.toString());
        assertThat(fetch.exit()).as(fetch.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile)).contains(UPLOADS.keys.fingerprints().get("research"));

        int unlocks = APP.count("audit_log", "event = 'key.unlocked'");
        int pulls = APP.count("audit_log", "event = 'export.sealed_pulled'");
        Path local = dir.resolve("local");
        CliRun offline = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out", local.toString(),
                "--format", "wide,long", "--key", keyFile.toString());
        assertThat(offline.exit()).as(offline.err()).isZero();
        assertThat(offline.out()).contains("Exported 6 interviews").contains("1 respondents suppressed");
        assertThat(APP.count("audit_log", "event = 'key.unlocked'")).isEqualTo(unlocks);
        assertThat(APP.count("audit_log", "event = 'export.sealed_pulled'")).isEqualTo(pulls + 1);
        assertThat(local.resolve(".work")).doesNotExist();

        for (ExportFormat format : List.of(ExportFormat.WIDE_CSV, ExportFormat.LONG_CSV)) {
            List<Map<String, String>> viaServer = rowsWithoutPseudonyms(server.resolve(format.fileName()));
            List<Map<String, String>> viaKey = rowsWithoutPseudonyms(local.resolve(format.fileName()));
            assertThat(viaServer).as(format.wire()).isNotEmpty().isEqualTo(viaKey);
        }
        assertThat(Files.readString(server.resolve(ExportFormat.LONG_CSV.fileName())))
                .contains("A long walk by the canal, answer 1").doesNotContain("KH-SVR-RH-201");
    }

    /** The files of an export with the default formats: all but the Excel ones and QDPX. */
    private static java.util.Set<String> defaultFileNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(ExportFormat.fileNames());
        names.removeAll(List.of(ExportFormat.WIDE_CSV_BOM.fileName(), ExportFormat.XLSX.fileName(),
                ExportFormat.QDPX.fileName()));
        return names;
    }

    @Test
    void exportCli_filesWritten0600() throws IOException {
        Path server = dir.resolve("exports").resolve("server");
        CliRun online = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out", server.toString());
        assertThat(online.exit()).as(online.err()).isZero();
        Path keyFile = dir.resolve("research.key");
        CliRun fetch = admin(null, "keys", "fetch", "--study", TestApp.STUDY, "--purpose", "research", "--out",
                keyFile.toString());
        assertThat(fetch.exit()).as(fetch.err()).isZero();
        Path local = dir.resolve("exports").resolve("local");
        CliRun offline = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out", local.toString(),
                "--key", keyFile.toString());
        assertThat(offline.exit()).as(offline.err()).isZero();
        for (Path out : List.of(server, local)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).as(out.toString())
                    .isEqualTo("rwx------");
            try (var files = Files.list(out)) {
                List<Path> written = files.toList();
                assertThat(written).as(out.toString()).extracting(p -> p.getFileName().toString())
                        .containsExactlyInAnyOrderElementsOf(defaultFileNames());
                for (Path file : written) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as(file.toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    /** Issue 17 point 3: {@code --format qdpx} downloads the REFI-QDA project, checked against the manifest. */
    @Test
    void exportCli_qdpxFormat_projectAndSourcesDownloadedAndChecked() throws IOException {
        Path out = dir.resolve("qdpx");
        CliRun run = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out", out.toString(),
                "--format", "qdpx");
        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, String> entries = new TreeMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                Files.newInputStream(out.resolve(ExportFormat.QDPX.fileName())))) {
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsKey("project.qde");
        // the six rights holders are released (the one duty bearer is below k): one answers source each
        assertThat(entries.keySet().stream().filter(n -> n.startsWith("Sources/"))).hasSize(6);
        assertThat(entries.values()).filteredOn(t -> t.contains("A long walk by the canal, answer")).hasSize(6);
        assertThat(String.join("", entries.values())).doesNotContain("KH-SVR-RH-20").doesNotContain("answer 7");
        JsonNode manifest = JsonMappers.plain().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("qdpx").get("cases").asLong()).isEqualTo(6);
        assertThat(manifest.get("files").has(ExportFormat.QDPX.fileName())).isTrue();

        CliRun unknown = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out",
                dir.resolve("unknown").toString(), "--format", "qdpx,nvivo");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("nvivo").contains("qdpx");
        assertThat(dir.resolve("unknown")).doesNotExist();
    }

    @Test
    void export_emptyResult_saysWhyInWords() throws IOException {
        Path empty = dir.resolve("empty");
        CliRun filtered = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out", empty.toString(),
                "--site", "BD-DHK", "--from", "2026-03-01", "--to", "2026-03-31");
        assertThat(filtered.exit()).as(filtered.err()).isZero();
        assertThat(filtered.out()).contains("Exported 0 interviews").contains("Why the export is empty:")
                .contains("7 interview(s) left out by the filter (site BD-DHK only; finalised from 2026-03-01");
        JsonNode excluded = JsonMappers.plain().readTree(empty.resolve("manifest.json").toFile()).get("excluded");
        assertThat(excluded.get("outsideFilter").asLong()).isEqualTo(7);
        assertThat(excluded.get("reasons").get(0).asText()).startsWith("7 interview(s) left out by the filter");

        // no filter: what is left out is the group smaller than k, said in words too
        Path all = dir.resolve("all");
        CliRun everything = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out", all.toString());
        assertThat(everything.exit()).as(everything.err()).isZero();
        assertThat(everything.out()).contains("Left out:")
                .contains("1 respondent(s) in 1 group(s) smaller than k=5 left out for k-anonymity")
                .doesNotContain("left out by the filter");
        JsonNode kept = JsonMappers.plain().readTree(all.resolve("manifest.json").toFile()).get("excluded");
        assertThat(kept.get("outsideFilter").asLong()).isZero();
        assertThat(kept.get("respondentsSuppressed").asLong()).isEqualTo(1);
        assertThat(kept.get("suppressedGroups").asLong()).isEqualTo(1);
    }

    @Test
    void export_wrongPassphraseOrNonEmptyDirectory_failsWithOneLine() throws IOException {
        CliRun wrong = admin("not the research passphrase", "export", "--study", TestApp.STUDY, "--out",
                dir.resolve("a").toString());
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.err()).startsWith("error: Key not unlocked").doesNotContain("not the research passphrase");

        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("keep.txt"), "x");
        CliRun occupied = admin(Envelopes.PASSPHRASE, "export", "--study", TestApp.STUDY, "--out", used.toString());
        assertThat(occupied.exit()).isNotZero();
        assertThat(occupied.err()).contains("not empty");

        Path keyFile = dir.resolve("identity.key");
        CliRun refused = admin(null, "keys", "fetch", "--study", TestApp.STUDY, "--purpose", "identity", "--out",
                keyFile.toString());
        assertThat(refused.exit()).isNotZero();
        assertThat(keyFile).doesNotExist();
    }

    /** The CSV's rows, each without its interview and respondent pseudonyms, sorted. */
    private static List<Map<String, String>> rowsWithoutPseudonyms(Path csv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = JsonMappers.csv().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            while (it.hasNext()) {
                Map<String, String> row = new TreeMap<>(it.next());
                row.remove("interview");
                row.remove("respondent");
                rows.add(row);
            }
        }
        rows.sort((a, b) -> a.toString().compareTo(b.toString()));
        return rows;
    }
}
