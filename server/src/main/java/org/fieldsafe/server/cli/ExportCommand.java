package org.fieldsafe.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.wire.NewExport;
import org.fieldsafe.core.wire.OpenRosaProgress;
import org.fieldsafe.core.wire.WrappedKeyFile;
import org.fieldsafe.export.ExportFilter;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.export.ExportJobView;
import org.fieldsafe.export.ExportManifest;
import org.fieldsafe.export.ExportRequest;
import org.fieldsafe.export.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin export}: an anonymised export into a directory. On the server (the research passphrase unlocks the
 * key there for this export only; the files are downloaded and checked against the manifest's SHA-256s), or with
 * {@code --key FILE} on this machine: the sealed submissions are pulled and opened here with the key file, so the
 * server is never given the key.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a study's interviews, anonymised (wide/long CSV, JSON Lines, codebook, manifest).",
                "The research key's passphrase comes from FIELDSAFE_PASSPHRASE_RESEARCH or is asked on the console.",
                "With --key FILE (from 'admin keys fetch') the export runs on this machine and the server never "
                        + "sees the key or the passphrase. A study with ODK Collect (OpenRosa) submissions is refused "
                        + "with --key: those are encrypted to the study's ODK key, which only the server's export "
                        + "opens."})
final class ExportCommand implements Runnable {
    private static final long POLL_MILLIS = 300;

    @ParentCommand
    private AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Option(names = "--out", required = true, description = "Directory to write the files into (created owner-only; "
            + "must be empty). Only the export's own file names are written there, each readable by the owner only")
    private Path out;

    @Option(names = "--format", split = ",", description = "wide, long, jsonl, wide-bom (the wide CSV with a UTF-8"
            + " BOM, for Excel), xlsx, qdpx (a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder;"
            + " default: wide, long, jsonl)")
    private List<String> formats = new ArrayList<>();

    @Option(names = "--lang", description = "Language of the codebook (default: the study's master language)")
    private String language;

    @Option(names = "--site", description = "Only this site (repeatable)")
    private List<String> sites = new ArrayList<>();

    @Option(names = "--form", description = "Only this form id (repeatable)")
    private List<String> forms = new ArrayList<>();

    @Option(names = "--from", description = "Finalised on or after this date (YYYY-MM-DD)")
    private String from;

    @Option(names = "--to", description = "Finalised on or before this date (YYYY-MM-DD)")
    private String to;

    @Option(names = "--stable-codes-grant", description = "A principal investigator's grant id: stable codes")
    private String grant;

    @Option(names = "--with-audio", description = "Put the recordings into the QDPX file (needs --format qdpx and a "
            + "principal investigator's live audio grant for you: 'admin grants audio')")
    private boolean withAudio;

    @Option(names = "--k", description = "A stricter k-anonymity than the study's (never a looser one)")
    Integer k;

    @Option(names = "--key", description = "The research key file ('admin keys fetch'): export on this machine")
    private Path keyFile;

    @Override
    public void run() {
        Set<ExportFormat> chosen = parsedFormats(); // an unknown format is refused before anything is created
        if (withAudio && !chosen.contains(ExportFormat.QDPX)) {
            throw new CliException("--with-audio needs --format qdpx: audio is exported in QDPX only");
        }
        if (withAudio && keyFile != null) {
            throw new CliException("--with-audio needs the server (its stored recordings): leave out --key");
        }
        ExportOutDirectory dir = ExportOutDirectory.prepare(out);
        if (keyFile != null) {
            if (grant != null) {
                throw new CliException("--stable-codes-grant needs the server: leave out --key");
            }
            offline(dir);
        } else {
            onServer(dir);
        }
    }

    private void onServer(ExportOutDirectory dir) {
        ApiClient client = admin.client();
        char[] passphrase = Passphrases.existing(admin.env, "research");
        NewExport body = new NewExport(passphrase, formats.isEmpty() ? null : formats, language,
                new NewExport.Filter(sites, forms, from, to), grant, k, withAudio ? Boolean.TRUE : null);
        ExportJobView job;
        try {
            job = client.send("POST", "/studies/" + study + "/exports", body,
                    client.json().constructType(ExportJobView.class));
        } finally {
            body.wipe();
        }
        ProgressBar bar = new ProgressBar(admin.err);
        while (job.state().equals("queued") || job.state().equals("running")) {
            bar.update(job.progress().phase(), job.progress().done(), job.progress().total());
            sleep();
            job = client.get("/exports/" + job.id(), client.json().constructType(ExportJobView.class));
        }
        bar.update(job.progress().phase(), job.progress().done(), job.progress().total());
        bar.finish();
        if (job.state().equals("review")) {
            throw new CliException("Export " + job.id() + " is held for review: the text scan replaced names, places "
                    + "or numbers in free text. A data manager reviews each replacement in the console (Exports, "
                    + "Review) or over the API (GET /exports/" + job.id() + "/review), then releases it; its files "
                    + "are downloaded from there. Nothing was written here.");
        }
        if (!job.state().equals("done")) {
            throw new CliException("The export failed: " + job.failure());
        }
        ExportManifest manifest = job.manifest();
        checkNames(dir, job.files(), manifest);
        for (String name : job.files()) {
            String sha256 = download(client, "/exports/" + job.id() + "/files/" + name, dir, name);
            ExportManifest.FileEntry expected = manifest.files().get(name);
            if (expected != null && !expected.sha256().equals(sha256)) {
                throw new CliException(name + " does not match the manifest's SHA-256; the download is damaged");
            }
        }
        checkAllListed(manifest, job.files());
        report(manifest);
    }

    private void offline(ExportOutDirectory dir) {
        ObjectMapper json = admin.client().json();
        ApiClient client = admin.client();
        OpenRosaProgress odk = client.get("/studies/" + study + "/openrosa/progress",
                json.constructType(OpenRosaProgress.class));
        if (odk.received() > 0) {
            throw new CliException("Study " + study + " has " + odk.received() + " ODK Collect (OpenRosa) "
                    + "submission(s), which --key cannot open: they are encrypted to the study's ODK key and stored "
                    + "apart from the sealed submissions this machine pulls. Leave out --key: the server's export "
                    + "opens them with your passphrase. Nothing was exported.");
        }
        WrappedKeyFile key = readKeyFile(json);
        char[] passphrase = Passphrases.existing(admin.env, "research");
        byte[] privateKey;
        try {
            privateKey = PassphraseCipher.unwrapPrivateKey(PassphraseCipher.Sealed.fromJson(key.wrappedPrivateKey()),
                    passphrase, key.purpose(), key.fingerprint());
        } catch (CryptoException | IllegalArgumentException e) {
            throw new CliException("The passphrase does not open the key in " + keyFile);
        } finally {
            Passphrases.wipe(passphrase);
        }
        Path work = dir.dir().resolve(".work");
        ProgressBar bar = new ProgressBar(admin.err);
        try (InputStream in = client.stream(sealedPath());
             PulledSealedSource source = new PulledSealedSource(json, in)) {
            Exporter exporter = new Exporter(source.study(), source.forms(), Clock.systemUTC());
            ExportRequest request = new ExportRequest(study, parsedFormats(),
                    language == null ? source.study().masterLanguage() : language,
                    new ExportFilter(Set.copyOf(sites), Set.copyOf(forms), null, null), false, k == null ? 0 : k);
            ExportManifest manifest = exporter.run(request, source, key.fingerprint(), privateKey,
                    dir, work, bar::update);
            bar.finish();
            for (Map.Entry<String, ExportManifest.FileEntry> file : manifest.files().entrySet()) {
                if (!file.getValue().sha256().equals(sha256(dir.target(file.getKey())))) {
                    throw new CliException(file.getKey() + " does not match the manifest's SHA-256");
                }
            }
            report(manifest);
        } catch (IOException e) {
            throw new CliException("The export failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException("The export does not fit the study: " + e.getMessage());
        } finally {
            Arrays.fill(privateKey, (byte) 0);
            deleteQuietly(work);
        }
    }

    private WrappedKeyFile readKeyFile(ObjectMapper json) {
        WrappedKeyFile key;
        try {
            key = json.readValue(keyFile.toFile(), WrappedKeyFile.class);
        } catch (IOException e) {
            throw new CliException("Not a key file: " + keyFile + " (save one with 'admin keys fetch')");
        }
        if (!WrappedKeyFile.FORMAT.equals(key.format()) || key.wrappedPrivateKey() == null
                || key.fingerprint() == null) {
            throw new CliException("Not a key file: " + keyFile + " (save one with 'admin keys fetch')");
        }
        if (!"research".equals(key.purpose()) || !study.equals(key.study())) {
            throw new CliException(keyFile + " holds the " + key.purpose() + " key of " + key.study()
                    + "; an export needs the research key of " + study);
        }
        return key;
    }

    private Set<ExportFormat> parsedFormats() {
        if (formats.isEmpty()) {
            return ExportFormat.defaults();
        }
        Set<ExportFormat> parsed = EnumSet.noneOf(ExportFormat.class);
        for (String format : formats) {
            try {
                parsed.add(ExportFormat.of(format));
            } catch (IllegalArgumentException e) {
                throw new CliException("Unknown format " + format + " (wide, long, jsonl, wide-bom, xlsx or qdpx)");
            }
        }
        return parsed;
    }

    private String sealedPath() {
        StringBuilder query = new StringBuilder();
        sites.forEach(s -> query.append("&site=").append(encode(s)));
        forms.forEach(f -> query.append("&form=").append(encode(f)));
        if (from != null) {
            query.append("&from=").append(encode(from));
        }
        if (to != null) {
            query.append("&to=").append(encode(to));
        }
        return "/studies/" + study + "/submissions/sealed" + (query.length() == 0 ? "" : "?" + query.substring(1));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Every name the server offers and every name its manifest lists must be a file an export writes, and each offered
     * file (but the manifest itself) must be listed: checked before anything is downloaded.
     */
    private static void checkNames(ExportOutDirectory dir, List<String> offered, ExportManifest manifest) {
        if (offered == null || manifest == null || manifest.files() == null) {
            throw new CliException("The server's answer has no file list or manifest");
        }
        dir.checkAll(offered);
        dir.checkAll(manifest.files().keySet());
        for (String name : offered) {
            if (!name.equals(ExportFormat.MANIFEST) && !manifest.files().containsKey(name)) {
                throw new CliException("The server offered " + name + ", which the manifest does not list; "
                        + "nothing was downloaded");
            }
        }
    }

    /** Streams a file into the directory as {@code name}, returning the SHA-256 (hex) of what was written. */
    private static String download(ApiClient client, String path, ExportOutDirectory dir, String name) {
        MessageDigest sha = sha256();
        try (InputStream in = client.stream(path);
             OutputStream file = new DigestOutputStream(dir.create(name), sha)) {
            in.transferTo(file);
        } catch (IOException e) {
            throw new CliException("Downloading " + name + " failed: " + e.getMessage());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static void checkAllListed(ExportManifest manifest, List<String> downloaded) {
        for (String name : manifest.files().keySet()) {
            if (!downloaded.contains(name)) {
                throw new CliException("The manifest lists " + name + ", which the server did not offer");
            }
        }
    }

    private void report(ExportManifest manifest) {
        ExportManifest.Counts counts = manifest.counts();
        admin.out.println("Exported " + counts.interviewsExported() + " interviews (" + counts.respondentsExported()
                + " respondents) of " + manifest.study() + " into " + out + "; " + counts.respondentsSuppressed()
                + " respondents suppressed for k=" + manifest.kRequired() + " (k achieved " + manifest.kAchieved()
                + "), " + counts.unopenable() + " interviews could not be opened.");
        if (manifest.generalisation() != null) {
            admin.out.println("Generalisation:");
            manifest.generalisation().summary().forEach(line -> admin.out.println("  " + line));
        }
        ExportManifest.Excluded excluded = manifest.excluded();
        if (excluded != null && !excluded.reasons().isEmpty()) {
            admin.out.println(counts.interviewsExported() == 0 ? "Why the export is empty:" : "Left out:");
            excluded.reasons().forEach(reason -> admin.out.println("  " + reason));
        }
        if (manifest.qdpx() != null && manifest.qdpx().recordings() != null) {
            ExportManifest.Recordings r = manifest.qdpx().recordings();
            admin.out.println("Audio: " + r.count() + " recordings (" + r.bytes() + " bytes) in export.qdpx under "
                    + "grant " + r.grant() + "; voices identify, keep the file as you keep the recordings.");
        }
        admin.out.println("Every file matches the SHA-256 in manifest.json.");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            org.fieldsafe.export.EncryptedExportFiles.deleteTree(dir);
        } catch (IOException e) {
            // a leftover spool is encrypted under a key that is gone
        }
    }
}
