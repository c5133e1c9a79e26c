package org.fieldsafe.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldsafe.core.forms.FormsFixtures;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.cli.AdminCli;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's text scan over HTTP on really sealed uploads, with the fixture study given a {@code redaction} block:
 * a free-text answer naming a listed village, an organisation and a phone holds the export for review, the manifest
 * points at each placeholder in the file, downloads are refused until a data manager decides and releases, a "keep
 * the original" decision writes the files again with that text, and nothing of the original is at rest.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
public class ExportReviewIntegrationTest {
    static final String PLACE = "Phum Thmey";
    public static final String ORGANISATION = "Heron Mill Cooperative";
    /** The organisation as the respondent said it (matched without regard to case). */
    public static final String ORGANISATION_AS_SAID = "heron mill cooperative";
    /**
     * The answer as given: the names in other letter cases than the lists' (the lists' spellings are in the study
     * definition, which the database stores), so a byte search finds the answer's own spellings only where the answer
     * is.
     */
    public static final String ANSWER = "My cousin left PHUM THMEY with the " + ORGANISATION_AS_SAID
            + ", call +855 12 345 678 zq";
    private static final TestApp APP = TestApp.onForms(formsWithRedaction());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    /** The fixture forms with the study's place and organisation lists added. */
    public static Path formsWithRedaction() {
        try {
            Path dir = Files.createTempDirectory("fieldsafe-forms-redaction");
            FormsFixtures.copy(TestApp.FIXTURE_FORMS, dir);
            Path study = dir.resolve(TestApp.STUDY).resolve("study.yaml");
            Files.writeString(study, Files.readString(study) + "redaction:\n  places: [" + PLACE + "]\n"
                    + "  sites: {KH-SVR: {organisations: [" + ORGANISATION + "]}}\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        PASSWORDS.put("dm", APP.createUser(UPLOADS.admin, "x-dm", "data_manager", List.of()).password());
        for (int i = 1; i <= 6; i++) {
            String answer = i == 1 ? ANSWER : "Quiet plain answer " + i + " zq";
            assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, "KH-SVR-RH-" + (300 + i), "RH", 20 + i,
                    answer)).statusCode()).isEqualTo(201);
        }
    }

    private static String dm() {
        return APP.login("x-dm", PASSWORDS.get("dm"));
    }

    private static JsonNode awaitFinished(String token, String id) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonNode job = APP.read(APP.get("/exports/" + id, token), JsonNode.class);
            String state = job.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export did not finish");
    }

    private static String start(String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("passphrase", Envelopes.PASSPHRASE);
        body.put("formats", List.of("wide", "long", "jsonl"));
        HttpResponse<String> started = APP.postJson(S + "/exports", token, body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return APP.read(started, JsonNode.class).get("id").asText();
    }

    /** The JSON Lines file's text of the answer in which the manifest's replacements stand. */
    private static String exportedAnswer(String token, String id, JsonNode replacement) {
        HttpResponse<String> file = APP.get("/exports/" + id + "/files/" + ExportFormat.JSONL.fileName(), token);
        assertThat(file.statusCode()).isEqualTo(200);
        for (String line : file.body().split("\n")) {
            JsonNode row = APP.json.valueToTree(read(line));
            if (row.get("interview").asText().equals(replacement.get("interview").asText())
                    && row.get("respondent").asText().equals(replacement.get("respondent").asText())) {
                return row.get("answers").get(replacement.get("question").asText()).asText();
            }
        }
        throw new AssertionError("no row of the replacement's source");
    }

    private static JsonNode read(String line) {
        try {
            return APP.json.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String at(String text, JsonNode replacement) {
        int from = text.offsetByCodePoints(0, replacement.get("offset").asInt());
        return text.substring(from, text.offsetByCodePoints(from, replacement.get("length").asInt()));
    }

    private static HttpResponse<String> decide(String token, String id, Map<String, Object> body) {
        return APP.postJson("/exports/" + id + "/review/decisions", token, body);
    }

    @Test
    void export_answerNamingPlaceOrganisationAndPhone_heldUntilReviewedThenReleasedWithPlaceholders()
            throws Exception {
        String dm = dm();
        String id = start(dm);
        JsonNode job = awaitFinished(dm, id);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("review");
        JsonNode redactions = job.get("manifest").get("redactions");
        assertThat(redactions.get("replaced").asInt()).isEqualTo(3);
        List<String> kinds = new ArrayList<>();
        redactions.get("replacements").forEach(r -> kinds.add(r.get("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrder("place", "organisation", "phone");
        assertThat(job.get("manifest").toString()).doesNotContainIgnoringCase(PLACE)
                .doesNotContainIgnoringCase(ORGANISATION)
                .doesNotContain("345 678");

        // held: downloads refused with a problem until released
        HttpResponse<String> refused = APP.get("/exports/" + id + "/files/" + ExportFormat.JSONL.fileName(), dm);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        HttpResponse<String> early = APP.postJson("/exports/" + id + "/release", dm, Map.of());
        assertThat(early.statusCode()).isEqualTo(409);

        // the review shows each replacement with its original and context, not cached
        HttpResponse<String> review = APP.get("/exports/" + id + "/review", dm);
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode items = APP.read(review, JsonNode.class).get("items");
        assertThat(items).hasSize(3);
        List<String> originals = new ArrayList<>();
        items.forEach(i -> originals.add(i.get("original").asText()));
        assertThat(originals).containsExactlyInAnyOrder("PHUM THMEY", ORGANISATION_AS_SAID, "+855 12 345 678");

        // bad input: an unknown id or decision is a 422 and records nothing
        assertThat(decide(dm, id, Map.of("decision", "accept", "ids", List.of("I-nope/R-x/q#0"))).statusCode())
                .isEqualTo(422);
        assertThat(decide(dm, id, Map.of("decision", "shred", "all", true)).statusCode()).isEqualTo(422);
        assertThat(APP.count("audit_log", "event LIKE 'export.review.%' AND subject LIKE '%export:" + id + "%'"))
                .isZero();

        HttpResponse<String> accepted = decide(dm, id, Map.of("decision", "accept", "all", true));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        HttpResponse<String> released = APP.postJson("/exports/" + id + "/release", dm, Map.of());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        job = APP.read(released, JsonNode.class);
        assertThat(job.get("state").asText()).isEqualTo("done");
        for (JsonNode r : job.get("manifest").get("redactions").get("replacements")) {
            String text = exportedAnswer(dm, id, r);
            assertThat(at(text, r)).isEqualTo("[" + r.get("kind").asText().toUpperCase() + "]");
        }
        for (String name : List.of(ExportFormat.JSONL.fileName(), ExportFormat.LONG_CSV.fileName(),
                ExportFormat.WIDE_CSV.fileName())) {
            String body = APP.get("/exports/" + id + "/files/" + name, dm).body();
            assertThat(body).contains("[PLACE]", "[ORGANISATION]", "[PHONE]").doesNotContainIgnoringCase(PLACE)
                    .doesNotContainIgnoringCase(ORGANISATION).doesNotContain("345 678");
        }
        assertThat(APP.count("audit_log", "event = 'export.held' AND subject LIKE '%export:" + id
                + " replacements:3%'")).isEqualTo(1);
        assertThat(APP.count("audit_log", "event = 'export.released' AND subject LIKE '%export:" + id + "%'"))
                .isEqualTo(1);
        assertThat(APP.count("audit_log", "event = 'export.review.accepted' AND subject LIKE '%export:" + id
                + " replacements:3%'")).isEqualTo(1);

        // the original answer is nowhere at rest in plaintext (files, spool, database, audit)
        assertThat(FileScan.found(APP.dataDir, List.of("PHUM THMEY", ORGANISATION_AS_SAID, "12 345 678", ANSWER)))
                .isEmpty();
    }

    @Test
    void adminExport_heldForReview_saysSoAndWritesNothing(@TempDir Path out) throws Exception {
        Map<String, String> env = Map.of("FIELDSAFE_ADMIN_HOME", out.resolve("home").toString(),
                "FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "x-dm", "FIELDSAFE_PASSWORD", PASSWORDS.get("dm"),
                "FIELDSAFE_PASSPHRASE_RESEARCH", Envelopes.PASSPHRASE);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Path target = out.resolve("export");
        int exit = AdminCli.run(new String[] {"export", "--study", TestApp.STUDY, "--out", target.toString()}, env,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(err).isNotZero();
        assertThat(err).contains("is held for review").contains("/review").doesNotContain("failed")
                .doesNotContainIgnoringCase(PLACE).doesNotContain("345 678");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            assertThat(files.filter(f -> !f.getFileName().toString().startsWith("."))).isEmpty();
        }
    }

    @Test
    void review_keepTheOriginal_writesTheFilesAgainWithThatText() throws Exception {
        String dm = dm();
        String id = start(dm);
        assertThat(awaitFinished(dm, id).get("state").asText()).isEqualTo("review");
        JsonNode items = APP.read(APP.get("/exports/" + id + "/review", dm), JsonNode.class).get("items");
        String placeId = null;
        for (JsonNode i : items) {
            if (i.get("kind").asText().equals("place")) {
                placeId = i.get("id").asText();
            }
        }
        HttpResponse<String> kept = decide(dm, id, Map.of("decision", "keep", "ids", List.of(placeId)));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(APP.read(kept, JsonNode.class).get("decided").asInt()).isEqualTo(1);
        List<String> rest = new ArrayList<>();
        for (JsonNode i : items) {
            if (!i.get("id").asText().equals(placeId)) {
                rest.add(i.get("id").asText());
            }
        }
        assertThat(decide(dm, id, Map.of("decision", "accept", "ids", rest)).statusCode()).isEqualTo(200);
        HttpResponse<String> released = APP.postJson("/exports/" + id + "/release", dm, Map.of());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        JsonNode manifest = APP.read(released, JsonNode.class).get("manifest");
        assertThat(manifest.get("redactions").get("replaced").asInt()).isEqualTo(2);
        assertThat(manifest.get("redactions").get("kept").asInt()).isEqualTo(1);
        JsonNode first = manifest.get("redactions").get("replacements").get(0);
        String text = exportedAnswer(dm, id, first);
        assertThat(text).contains("PHUM THMEY").contains("[ORGANISATION]").contains("[PHONE]");
        for (JsonNode r : manifest.get("redactions").get("replacements")) {
            assertThat(at(text, r)).isEqualTo("[" + r.get("kind").asText().toUpperCase() + "]");
        }
        assertThat(APP.count("audit_log", "event = 'export.review.kept' AND subject LIKE '%export:" + id + "%'"))
                .isPositive();
    }
}
