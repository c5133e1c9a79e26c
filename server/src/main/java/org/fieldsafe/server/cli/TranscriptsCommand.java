package org.fieldsafe.server.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fieldsafe.core.wire.TranscriptOpenRequest;
import org.fieldsafe.core.wire.TranscriptSave;
import org.fieldsafe.core.wire.TranscriptSaved;
import org.fieldsafe.core.wire.TranscriptText;
import org.fieldsafe.core.wire.TranscriptVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin transcripts list|get|put}: a submission's sealed transcripts and translations through the API
 * (docs/api.md, "Transcripts and translations"). {@code get} asks the passphrase of the caller's key like the other
 * key commands; {@code put} reads a UTF-8 text file, which the server seals at once.
 */
@Command(name = "transcripts", mixinStandardHelpOptions = true,
        description = "List, read (with your transcription or research key) and write a submission's sealed "
                + "transcripts and translations.",
        subcommands = {TranscriptsCommand.ListVersions.class, TranscriptsCommand.Get.class, TranscriptsCommand.Put.class})
final class TranscriptsCommand implements Runnable {
    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: transcripts list, get or put");
    }

    /** Which part: a submission, a kind and a language. */
    static final class Part {
        @Option(names = "--submission", required = true, paramLabel = "ID", description = "Submission id")
        String submission;

        @Option(names = "--kind", required = true, description = "transcript or translation")
        String kind;

        @Option(names = "--language", required = true, description = "Language code, e.g. km or en")
        String language;

        String path() {
            if (!List.of("transcript", "translation").contains(kind)) {
                throw new CliException("--kind must be transcript or translation");
            }
            return "/submissions/" + submission + "/transcripts/" + kind + "/" + language;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List a submission's transcript and translation versions (never their text).")
    static final class ListVersions implements Runnable {
        @ParentCommand
        private TranscriptsCommand transcripts;

        @Option(names = "--submission", required = true, paramLabel = "ID", description = "Submission id")
        private String submission;

        @Override
        public void run() {
            AdminCli admin = transcripts.admin;
            ApiClient client = admin.client();
            List<TranscriptVersion> versions = client.get("/submissions/" + submission + "/transcripts",
                    client.json().getTypeFactory().constructCollectionType(List.class, TranscriptVersion.class));
            if (versions.isEmpty()) {
                admin.out.println("No transcripts or translations yet.");
            }
            for (TranscriptVersion v : versions) {
                admin.out.printf(Locale.ROOT, "%-12s %-6s v%-3d %-8s by %s%s  %s%n", v.kind(), v.language(),
                        v.version(), v.status(), v.author(), v.checker() == null ? "" : ", checked by " + v.checker(),
                        v.updatedAt());
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Print one version's text, opened on the server with your key for this request only "
                    + "(passphrase from FIELDSAFE_PASSPHRASE_<KEY> or FIELDSAFE_PASSPHRASE, else asked).")
    static final class Get implements Runnable {
        @ParentCommand
        private TranscriptsCommand transcripts;

        @Mixin
        private Part part;

        @Option(names = "--version", description = "The version (default: the latest)")
        private Integer version;

        @Option(names = "--key", defaultValue = "transcription",
                description = "Whose key opens it: transcription (a transcriber) or research (default: ${DEFAULT-VALUE})")
        private String key;

        @Override
        public void run() {
            if (!List.of("transcription", "research").contains(key)) {
                throw new CliException("--key must be transcription or research");
            }
            AdminCli admin = transcripts.admin;
            ApiClient client = admin.client();
            String path = part.path();
            int chosen = version != null ? version : latest(client, part);
            char[] passphrase = Passphrases.existing(admin.env, key);
            TranscriptText text;
            try {
                text = client.post(path + "/" + chosen + "/open", new TranscriptOpenRequest(passphrase),
                        TranscriptText.class);
            } finally {
                Passphrases.wipe(passphrase);
            }
            admin.out.println(text.text());
        }

        private static int latest(ApiClient client, Part part) {
            List<TranscriptVersion> versions = client.get("/submissions/" + part.submission + "/transcripts",
                    client.json().getTypeFactory().constructCollectionType(List.class, TranscriptVersion.class));
            return versions.stream().filter(v -> v.kind().equals(part.kind) && v.language().equals(part.language))
                    .mapToInt(TranscriptVersion::version).max()
                    .orElseThrow(() -> new CliException("No " + part.kind + " in " + part.language + " yet"));
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Write a version from a UTF-8 text file (sealed by the server at once): a draft replaces "
                    + "your open draft; --done fixes it; a correction of a done version is a new version.")
    static final class Put implements Runnable {
        @ParentCommand
        private TranscriptsCommand transcripts;

        @Mixin
        private Part part;

        @Option(names = "--file", required = true, paramLabel = "F", description = "The text, UTF-8")
        private Path file;

        @Option(names = "--done", description = "Fix this version (default: save a draft)")
        private boolean done;

        @Option(names = "--based-on", paramLabel = "N",
                description = "The latest version you started from (none for the first); an older one is refused")
        private Integer basedOn;

        @Override
        public void run() {
            AdminCli admin = transcripts.admin;
            String text = read(file);
            TranscriptSaved saved = admin.client().send("PUT", part.path(), new TranscriptSave(text,
                    done ? TranscriptSave.DONE : TranscriptSave.DRAFT, basedOn),
                    admin.client().json().constructType(TranscriptSaved.class));
            admin.out.println("Saved " + part.kind + " " + part.language + " version " + saved.version() + " ("
                    + saved.status() + ")");
        }

        private static String read(Path file) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                throw new CliException("--file is not UTF-8 text: " + file);
            } catch (IOException e) {
                throw new CliException("Cannot read --file " + file);
            }
        }
    }
}
