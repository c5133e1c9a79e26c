package org.fieldsafe.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.EnrolmentCode;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.core.wire.PasswordChange;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.forms.CoreStudySource;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.json.ServerJson;

/**
 * The whole application on random ports with a temporary SQLite database, a movable clock and the studies of
 * a forms directory (the fixture study unless told otherwise), loaded and validated by the production
 * {@link CoreStudySource}; plus an HTTP helper over the JDK client. One per test class.
 */
public final class TestApp {
    public static final String ADMIN_PASSWORD = "admin-test-password";
    /** The fixture forms directory: one small study in the real format, {@link #STUDY}. */
    public static final Path FIXTURE_FORMS = Path.of(ResourceHelpers.resourceFilePath("fixtures/forms"));
    public static final String STUDY = "test-study";

    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    public final ByteArrayOutputStream console = new ByteArrayOutputStream();
    public final Path dataDir;
    /** The forms directory the application loads its studies from (configuration {@code forms.directory}). */
    public final Path formsRoot;
    public final DropwizardAppExtension<FieldsafeConfiguration> extension;
    public final ObjectMapper json = ServerJson.api();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Envelopes.StudyKeys> heldKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /** On SQLite in a temporary directory, with the fixture study. */
    public TestApp(ConfigOverride... overrides) {
        this(null, overrides);
    }

    /** On the database at {@code databaseUrl} (SQLite in a temporary directory when null), with the fixture study. */
    public TestApp(String databaseUrl, ConfigOverride... overrides) {
        this(databaseUrl, FIXTURE_FORMS, ResourceHelpers.resourceFilePath("test-config.yml"), overrides);
    }

    private TestApp(String databaseUrl, Path formsRoot, String configFile, ConfigOverride[] overrides) {
        try {
            dataDir = Files.createTempDirectory("fieldsafe-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.formsRoot = formsRoot.toAbsolutePath().normalize();
        String url = databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve("fieldsafe.db");
        ConfigOverride[] all = Stream.concat(Stream.of(ConfigOverride.config("database.url", url),
                        ConfigOverride.config("forms.directory", this.formsRoot.toString())),
                Stream.of(overrides)).toArray(ConfigOverride[]::new);
        if (databaseUrl != null) { // not SQLite beside the data directory: name the code key's file (docs/sealing.md)
            all = Stream.concat(Stream.of(ConfigOverride.config("respondentCodes.keyFile",
                    dataDir.resolve("code-key.key").toString())), Stream.of(all)).toArray(ConfigOverride[]::new);
        }
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        extension = new DropwizardAppExtension<>(new DropwizardTestSupport<>(FieldsafeApplication.class,
                configFile, all) {
            @Override
            public Application<FieldsafeConfiguration> newApplication() {
                return new FieldsafeApplication(clock, CoreStudySource::new, out);
            }
        });
    }

    /**
     * On SQLite in a temporary directory, serving the studies of the forms directory {@code formsRoot} (e.g.
     * the repository's {@code forms/}), loaded by the production {@link CoreStudySource}.
     */
    public static TestApp onForms(Path formsRoot, ConfigOverride... overrides) {
        return new TestApp(null, formsRoot, ResourceHelpers.resourceFilePath("test-config.yml"), overrides);
    }

    /**
     * On SQLite in a temporary directory, with the fixture study, configured by the file {@code configFile} (for what
     * overrides cannot say, such as a list of appenders) instead of the test configuration.
     */
    public static TestApp withConfig(Path configFile, ConfigOverride... overrides) {
        return new TestApp(null, FIXTURE_FORMS, configFile.toString(), overrides);
    }

    /**
     * A form file for upload that the real validator accepts against the fixture study: a title in the master
     * language and one question; an interview names the study's consent form.
     */
    public static String formYaml(String id, String kind, String title) {
        return "id: " + id + "\n"
                + "kind: " + kind + "\n"
                + (kind.equals("interview") ? "consent_form: consent\n" : "")
                + "title: {en: \"" + title + "\"}\n"
                + "questions:\n"
                + "  - {id: q_" + id + ", type: text, label: {en: \"Anything to add?\"}}\n";
    }

    public FieldsafeApplication app() {
        return extension.getApplication();
    }

    public Services services() {
        return app().services();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + extension.getLocalPort();
    }

    public HttpResponse<String> send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return send(request);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public HttpResponse<String> postJson(String path, String token, Object body) {
        return send("POST", path, token, "application/json", write(body));
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(HttpResponse<String> response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable body (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    public <T> T read(HttpResponse<String> response, TypeReference<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> problem(HttpResponse<String> response) {
        return read(response, new TypeReference<Map<String, Object>>() {
        });
    }

    public String login(String username, String password) {
        return loginResponse(username, password).token();
    }

    public LoginResponse loginResponse(String username, String password) {
        HttpResponse<String> response = postJson("/auth/login", null, new LoginRequest(username, password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Login of " + username + " failed: " + response.body());
        }
        return read(response, LoginResponse.class);
    }

    public String adminToken() {
        return login("admin", ADMIN_PASSWORD);
    }

    /**
     * Creates a person and, as they must at first login, replaces the one-time password by their own one (the
     * one-time password + {@code "-own"}), then logs that session out. The result carries the person's own password.
     */
    public NewUser createUser(String adminToken, String username, String role, List<String> sites) {
        return ownPassword(createUserWithOneTimePassword(adminToken, username, role, sites));
    }

    /** As {@link #createUser}, a transcriber of {@code sites} in {@code languages}. */
    public NewUser createTranscriber(String adminToken, String username, List<String> sites, List<String> languages) {
        HttpResponse<String> response = postJson("/users", adminToken,
                new NewUserRequest(username, "transcriber", sites, null, languages));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Creating " + username + " failed: " + response.body());
        }
        return ownPassword(read(response, NewUser.class));
    }

    /** Polls an export job of {@code token}'s until it is neither queued nor running (at most a minute); the job. */
    public com.fasterxml.jackson.databind.JsonNode awaitExport(String token, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            com.fasterxml.jackson.databind.JsonNode job = read(get("/exports/" + id, token),
                    com.fasterxml.jackson.databind.JsonNode.class);
            String state = job.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export did not finish");
    }

    /**
     * Logs a just-created person in with their one-time password, changes it to their own one (the one-time
     * password + {@code "-own"}) and logs that session out; returns the person with their own password.
     */
    public NewUser ownPassword(NewUser created) {
        String username = created.username();
        String own = created.password() + "-own";
        String oneTimeSession = loginResponse(username, created.password()).token();
        HttpResponse<String> changed = postJson("/auth/password", oneTimeSession,
                new PasswordChange(created.password(), own));
        if (changed.statusCode() != 200) {
            throw new IllegalStateException("Changing the password of " + username + " failed: " + changed.body());
        }
        send("POST", "/auth/logout", read(changed, LoginResponse.class).token(), null, null);
        return new NewUser(created.username(), created.role(), created.sites(), own);
    }

    /** Creates a person whose password is still the one-time password {@code users add} printed. */
    public NewUser createUserWithOneTimePassword(String adminToken, String username, String role, List<String> sites) {
        HttpResponse<String> response = postJson("/users", adminToken, new NewUserRequest(username, role, sites));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Creating " + username + " failed: " + response.body());
        }
        heldKeys.forEach((study, keys) -> KeyHolderSeeds.seed(this, study, keys, username, role));
        return read(response, NewUser.class);
    }

    /**
     * Posts a study's keys (creating their first holders, {@link Envelopes#FIRST_HOLDERS}, if need be); once they
     * are stored, every person whose role holds a key, now or created later by {@link #createUser}, gets their own
     * active copy wrapped under {@link Envelopes#PASSPHRASE} ({@link KeyHolderSeeds}): tests of exports, referrals
     * and identity reads need a holder, not the grant round trip, which the key-holder tests drive for real. The
     * first holders are removed again, so that other tests see only the people they create.
     */
    public HttpResponse<String> postStudyKeys(String adminToken, String study, Envelopes.StudyKeys keys) {
        HttpResponse<String> response = postStudyKeys(adminToken, study, keys.request());
        if (response.statusCode() == 201) {
            heldKeys.put(study, keys);
            KeyHolderSeeds.seedAll(this, study, keys);
            KeyHolderSeeds.dropFirstHolders(this);
        }
        return response;
    }

    /** Posts a study's keys, creating their first holders ({@link Envelopes#FIRST_HOLDERS}) if need be. */
    public HttpResponse<String> postStudyKeys(String adminToken, String study, StudyKeysRequest request) {
        Envelopes.FIRST_HOLDERS.values().forEach(holder -> {
            if (services().database().read(h -> h.attach(UserDao.class).find(holder.get(0))).isEmpty()) {
                createUser(adminToken, holder.get(0), holder.get(1),
                        holder.get(1).equals("safeguarding_officer") ? List.of("KH-SVR") : List.of());
            }
        });
        return postJson("/studies/" + study + "/keys", adminToken, request);
    }

    public EnrolmentCode enrolmentCode(String token, String site, String enumerator) {
        return enrolmentCode(token, STUDY, site, enumerator);
    }

    public EnrolmentCode enrolmentCode(String token, String study, String site, String enumerator) {
        HttpResponse<String> response = postJson("/enrolments", token, new EnrolmentRequest(study, site, enumerator));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Enrolment failed: " + response.body());
        }
        return read(response, EnrolmentCode.class);
    }

    public DeviceEnrolment enrolDevice(String code) {
        HttpResponse<String> response = postJson("/devices/enrol", null, new DeviceEnrolRequest(code, "laptop"));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Device enrolment failed: " + response.body());
        }
        return read(response, DeviceEnrolment.class);
    }

    /** Counts rows of a table, to show that refused requests wrote nothing. */
    public int count(String table) {
        return services().database().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    /** The subject of the latest audit entry of {@code event}. */
    public String lastAuditSubject(String event) {
        return services().database().read(h -> h.createQuery(
                        "SELECT subject FROM audit_log WHERE event = :event ORDER BY seq DESC LIMIT 1")
                .bind("event", event).mapTo(String.class).one());
    }

    /** Counts the rows of a table matching an SQL condition. */
    public int count(String table, String where) {
        return services().database().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)
                .mapTo(Integer.class).one());
    }
}
