package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FieldsafeApplication;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.submissions.SubmissionDao;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Uploads received before Jersey ({@link SubmissionUploadFilter}) against the resource's own path: an upload sent as
 * a device sends it is answered by the filter; the same upload with a query string goes to Jersey (which ignores the
 * query); both answers must be the same (status, every header but Date, body), and the filter may have taken only
 * the uploads it can answer.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubmissionUploadFilterIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
    }

    @Test
    void put_valid_receivedBeforeJersey_sameReceiptAsTheResource() {
        ObjectNode envelope = UPLOADS.valid("KH-SVR-RH-801");
        String id = Envelopes.submissionId(envelope);
        byte[] body = Envelopes.bytes(envelope);
        long before = early();
        long lookupsBefore = lookups();
        Answer created = send(id, "", body, UPLOADS.device.deviceToken(), Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(lookups() - lookupsBefore).as("the token looked up once").isEqualTo(1);
        assertThat(early() - before).as("taken by the filter").isEqualTo(1);
        assertThat(APP.count("submissions", "id = '" + id + "'")).isEqualTo(1);
        // the identical retry, by both paths: the same 200 with the same receipt, byte for byte
        Answer retry = same(id, body, UPLOADS.device.deviceToken(), Map.of());
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(created.body());
        assertThat(retry.headers()).isEqualTo(created.headers());
        assertThat(early() - before).isEqualTo(2);
        // the device's own Accept is taken; one with parameters is left to Jersey
        same(id, body, UPLOADS.device.deviceToken(), Map.of("Accept", "application/json"));
        assertThat(early() - before).isEqualTo(3);
        same(id, body, UPLOADS.device.deviceToken(), Map.of("Accept", "application/json;q=1"));
        assertThat(early() - before).isEqualTo(3);
    }

    @Test
    void put_refusedAfterTheWriter_problemFromTheResource() {
        ObjectNode envelope = UPLOADS.valid("KH-SVR-RH-802");
        String id = Envelopes.submissionId(envelope);
        byte[] body = Envelopes.bytes(envelope);
        assertThat(UPLOADS.put(envelope).statusCode()).isEqualTo(201);
        byte[] spaced = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        long before = early();
        Answer conflict = same(id, spaced, UPLOADS.device.deviceToken(), Map.of());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.headers()).containsEntry("content-type", List.of("application/problem+json"));
        assertThat(conflict.body()).contains("urn:fieldsafe:problem:submission-conflict");
        assertThat(early() - before).as("the filter took it, the resource answered it").isEqualTo(1);

        String hash = UPLOADS.codeHash("KH-SVR-RH-803");
        APP.services().database().write(h -> {
            h.attach(SubmissionDao.class).insertWithdrawal(TestApp.STUDY, hash, APP.clock.instant(), "pi");
            return null;
        });
        ObjectNode withdrawn = UPLOADS.valid("KH-SVR-RH-803");
        long lookupsBefore = lookups();
        Answer gone = send(Envelopes.submissionId(withdrawn), "", Envelopes.bytes(withdrawn),
                UPLOADS.device.deviceToken(), Map.of());
        assertThat(gone.status()).isEqualTo(410);
        assertThat(lookups() - lookupsBefore).as("the dispatch to the resource reuses the filter's lookup")
                .isEqualTo(1);
        assertThat(gone.headers()).containsEntry("content-type", List.of("application/problem+json"));
        assertThat(gone.body()).contains("urn:fieldsafe:problem:respondent-withdrawn").contains("withdrawal");
        assertThat(APP.count("submissions", "id = '" + Envelopes.submissionId(withdrawn) + "'")).isZero();
    }

    @Test
    void put_refusedAtOnceOrNotTheFiltersToTake_leftToJersey_sameAnswer() {
        ObjectNode envelope = UPLOADS.valid("KH-SVR-RH-804");
        String id = Envelopes.submissionId(envelope);
        byte[] body = Envelopes.bytes(envelope);
        long before = early();
        // malformed, a header of another device's site, no token, a person's token
        assertThat(same(id, "{\"header\": ".getBytes(StandardCharsets.UTF_8), UPLOADS.device.deviceToken(),
                Map.of()).status()).isEqualTo(400);
        DeviceEnrolment other = UPLOADS.enrol("enum-other", "KH-SVR");
        assertThat(same(id, body, other.deviceToken(), Map.of()).status()).isEqualTo(422);
        long lookupsBefore = lookups();
        assertThat(send(id, "", body, other.deviceToken(), Map.of()).status()).isEqualTo(422);
        assertThat(lookups() - lookupsBefore).as("a refusal handed on to Jersey: one lookup").isEqualTo(1);
        assertThat(same(id, body, null, Map.of()).status()).isEqualTo(401);
        assertThat(same(id, body, UPLOADS.admin, Map.of()).status()).isEqualTo(403);
        assertThat(APP.count("submissions", "id = '" + id + "'")).isZero();
        // another media type: the resource takes any; the filter leaves it to Jersey
        assertThat(send(id, "", body, UPLOADS.device.deviceToken(), Map.of("Content-Type", "text/plain")).status())
                .isEqualTo(201);
        assertThat(early()).as("none of these was taken by the filter").isEqualTo(before);
        assertThat(APP.count("submissions", "id = '" + id + "'")).isEqualTo(1);
    }

    private record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    private static long early() {
        return EXT.getEnvironment().metrics().counter(FieldsafeApplication.UPLOADS_BEFORE_JERSEY).getCount();
    }

    private static long lookups() {
        return EXT.getEnvironment().metrics().counter(FieldsafeApplication.BEARER_TOKEN_LOOKUPS).getCount();
    }

    /** Sends the upload as a device does, then with a query (Jersey's path); asserts both answers are the same. */
    private static Answer same(String id, byte[] body, String token, Map<String, String> headers) {
        Answer first = send(id, "", body, token, headers);
        Answer viaJersey = send(id, "?via=jersey", body, token, headers);
        assertThat(first).as("the same answer before Jersey and from the resource").isEqualTo(viaJersey);
        return first;
    }

    private static Answer send(String id, String query, byte[] body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1/submissions/" + id
                + query)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader);
        HttpResponse<String> response = APP.send(request);
        Map<String, List<String>> kept = new TreeMap<>();
        response.headers().map().forEach((name, values) -> kept.put(name.toLowerCase(Locale.ROOT), values));
        kept.remove("date");
        return new Answer(response.statusCode(), kept, response.body());
    }
}
