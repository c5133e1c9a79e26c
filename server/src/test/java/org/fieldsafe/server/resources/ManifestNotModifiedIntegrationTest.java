package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.server.FieldsafeApplication;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The manifest's 304 answered before Jersey ({@link ManifestNotModifiedFilter}) against the resource's own path: each
 * request is sent as a device sends it, and again with a query string, which the filter leaves to Jersey; both
 * answers must be the same (status, every header but Date, body), and the filter may have answered only the 304s.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ManifestNotModifiedIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String admin;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        APP.createUser(admin, "enum1", "enumerator", List.of("KH-SVR"));
        APP.createUser(admin, "enum2", "enumerator", List.of("BD-DHK"));
    }

    @Test
    void manifest_currentTag_answeredBeforeJersey_sameAnswerAsTheResource() {
        DeviceEnrolment d = enrol("enum1", "KH-SVR");
        String tag = tagOf(d.deviceToken());
        long before = early();
        Answer early = same(d.deviceToken(), tag, Map.of());
        assertThat(early.status()).isEqualTo(304);
        assertThat(early.headers()).containsEntry("etag", List.of(tag)).containsKey("content-security-policy")
                .containsEntry("cache-control", List.of("no-store"));
        assertThat(early() - before).as("answered by the filter (the request with a query went on to Jersey)")
                .isEqualTo(1);
        // the client's Accept and wrk's none are answered early; an Accept with parameters is left to Jersey
        same(d.deviceToken(), tag, Map.of("Accept", "application/json, application/problem+json"));
        same(d.deviceToken(), tag, Map.of("Accept", "*/*"));
        assertThat(early() - before).isEqualTo(3);
        same(d.deviceToken(), tag, Map.of("Accept", "application/json;q=0, text/html"));
        assertThat(same(d.deviceToken(), tag, Map.of("Accept", "text/html")).status()).isEqualTo(406);
        assertThat(early() - before).isEqualTo(3);
    }

    @Test
    void manifest_refusedOrChanged_leftToJersey_sameAnswerAsTheResource() {
        DeviceEnrolment d = enrol("enum1", "KH-SVR");
        String tag = tagOf(d.deviceToken());
        long before = early();
        // an unknown token, another scheme, no token
        assertThat(same("not-a-token", tag, Map.of()).status()).isEqualTo(401);
        assertThat(sameWithAuthorization("Basic " + d.deviceToken(), tag).status()).isEqualTo(401);
        assertThat(sameWithAuthorization(null, tag).status()).isEqualTo(401);
        // another device (another site's manifest) with this device's tag: its own manifest, 200
        DeviceEnrolment other = enrol("enum2", "BD-DHK");
        assertThat(same(other.deviceToken(), tag, Map.of()).status()).isEqualTo(200);
        // a tag that is not current, a weak one, a list, *: 200 or 304 as Jersey decides
        assertThat(same(d.deviceToken(), "\"0000\"", Map.of()).status()).isEqualTo(200);
        assertThat(same(d.deviceToken(), "W/" + tag, Map.of()).status()).isEqualTo(304);
        assertThat(same(d.deviceToken(), "\"0000\", " + tag, Map.of()).status()).isEqualTo(304);
        assertThat(same(d.deviceToken(), tag, Map.of("If-Match", "\"0000\"")).status()).isEqualTo(412);
        // a person's token: a device-only method
        assertThat(same(admin, tag, Map.of()).status()).isEqualTo(403);
        // a person still holding a one-time password
        var oneTime = APP.createUserWithOneTimePassword(admin, "enum-new", "enumerator", List.of("KH-SVR"));
        String session = APP.login(oneTime.username(), oneTime.password());
        assertThat(same(session, tag, Map.of()).status()).isEqualTo(403);
        assertThat(early()).as("none of these was answered by the filter").isEqualTo(before);
    }

    @Test
    void manifest_deviceRevokedOrEnumeratorDisabled_refusedAlikeOnBothPaths() {
        DeviceEnrolment d = enrol("enum1", "KH-SVR");
        String tag = tagOf(d.deviceToken());
        assertThat(same(d.deviceToken(), tag, Map.of()).status()).isEqualTo(304);
        assertThat(APP.send("POST", "/devices/" + d.deviceId() + "/revoke", admin, null, null).statusCode())
                .isEqualTo(204);
        long before = early();
        assertThat(same(d.deviceToken(), tag, Map.of()).status()).isEqualTo(401);

        APP.createUser(admin, "enum-leaving", "enumerator", List.of("KH-SVR"));
        DeviceEnrolment leaving = enrol("enum-leaving", "KH-SVR");
        String leavingTag = tagOf(leaving.deviceToken());
        assertThat(same(leaving.deviceToken(), leavingTag, Map.of()).status()).isEqualTo(304);
        assertThat(APP.send("POST", "/users/enum-leaving/disable", admin, null, null).statusCode()).isEqualTo(200);
        long beforeDisabled = early();
        assertThat(same(leaving.deviceToken(), leavingTag, Map.of()).status()).isEqualTo(401);
        assertThat(early()).isEqualTo(beforeDisabled);
        assertThat(beforeDisabled - before).isEqualTo(1);
    }

    @Test
    void manifest_expiredSession_refusedAlikeOnBothPaths() {
        String session = APP.login("admin", TestApp.ADMIN_PASSWORD);
        DeviceEnrolment d = enrol("enum1", "KH-SVR");
        String tag = tagOf(d.deviceToken());
        APP.clock.advance(Duration.ofHours(2));
        try {
            long before = early();
            assertThat(same(session, tag, Map.of()).status()).isEqualTo(401);
            assertThat(early()).isEqualTo(before);
        } finally {
            APP.clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void manifest_leftToJerseyAfterTheFilterLookedUp_tokenLookedUpOnce() {
        DeviceEnrolment d = enrol("enum1", "KH-SVR");
        String tag = tagOf(d.deviceToken());
        // an unknown token: the filter's lookup is Jersey's (401), no second read of sessions and devices
        assertThat(lookupsOf("", "Bearer not-a-token", tag)).isEqualTo(new Looked(401, 1));
        // a changed manifest (the device holds an old tag): 200 from Jersey with the filter's principal
        assertThat(lookupsOf("", "Bearer " + d.deviceToken(), "\"0000\"")).isEqualTo(new Looked(200, 1));
        // a person's token, and a one-time password still to change: refused by Jersey, looked up once
        assertThat(lookupsOf("", "Bearer " + admin, tag)).isEqualTo(new Looked(403, 1));
        var oneTime = APP.createUserWithOneTimePassword(admin, "enum-once", "enumerator", List.of("KH-SVR"));
        assertThat(lookupsOf("", "Bearer " + APP.login(oneTime.username(), oneTime.password()), tag))
                .isEqualTo(new Looked(403, 1));
        // the early 304; and requests the filter leaves before looking (a query) or never looks at (another scheme)
        assertThat(lookupsOf("", "Bearer " + d.deviceToken(), tag)).isEqualTo(new Looked(304, 1));
        assertThat(lookupsOf("?via=jersey", "Bearer " + d.deviceToken(), tag)).isEqualTo(new Looked(304, 1));
        assertThat(lookupsOf("?via=jersey", "Bearer not-a-token", tag)).isEqualTo(new Looked(401, 1));
        assertThat(lookupsOf("", "Basic " + d.deviceToken(), tag)).isEqualTo(new Looked(401, 0));
    }

    /** A request's status and how many bearer-token lookups answering it took. */
    private record Looked(int status, long lookups) {
    }

    private static Looked lookupsOf(String query, String authorization, String tag) {
        Counter lookups = EXT.getEnvironment().metrics().counter(FieldsafeApplication.BEARER_TOKEN_LOOKUPS);
        long before = lookups.getCount();
        int status = send(query, authorization, tag, Map.of()).status();
        return new Looked(status, lookups.getCount() - before);
    }

    private record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    private static DeviceEnrolment enrol(String enumerator, String site) {
        return APP.enrolDevice(APP.enrolmentCode(admin, site, enumerator).code());
    }

    private static String tagOf(String token) {
        return APP.get("/sync/manifest", token).headers().firstValue("ETag").orElseThrow();
    }

    private static long early() {
        return EXT.getEnvironment().metrics().counter(FieldsafeApplication.MANIFEST_EARLY_304S).getCount();
    }

    /** Sends the request as a device does, then with a query (Jersey's path); asserts both answers are the same. */
    private static Answer same(String token, String tag, Map<String, String> headers) {
        return sameWith("Bearer " + token, tag, headers);
    }

    private static Answer sameWithAuthorization(String authorization, String tag) {
        return sameWith(authorization, tag, Map.of());
    }

    private static Answer sameWith(String authorization, String tag, Map<String, String> headers) {
        Answer first = send("", authorization, tag, headers);
        Answer viaJersey = send("?via=jersey", authorization, tag, headers);
        assertThat(first).as("the same answer before Jersey and from the resource").isEqualTo(viaJersey);
        return first;
    }

    private static Answer send(String query, String authorization, String tag, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1/sync/manifest"
                + query)).header("If-None-Match", tag).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = APP.send(request);
        Map<String, List<String>> kept = new TreeMap<>();
        response.headers().map().forEach((name, values) -> kept.put(name.toLowerCase(Locale.ROOT), values));
        kept.remove("date");
        return new Answer(response.statusCode(), kept, response.body());
    }
}
