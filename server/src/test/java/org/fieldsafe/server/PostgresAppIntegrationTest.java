package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.storage.NeedsPostgres;
import org.fieldsafe.server.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole application on PostgreSQL: migrations, login, users, enrolment, sync, keys, uploads and progress. */
@NeedsPostgres
class PostgresAppIntegrationTest {
    private static TestApp app;
    private static UploadFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        String url = TestDatabases.freshPostgresSchemaUrl();
        app = new TestApp(url, ConfigOverride.config("database.driverClass", "org.postgresql.Driver"));
        app.extension.before();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.extension.after();
        }
    }

    @Test
    void enrolAndSync_onPostgresql() {
        assertThat(app.services().database().dialect()).isEqualTo(org.fieldsafe.server.storage.Database.Dialect.POSTGRESQL);
        String admin = app.adminToken();
        app.createUser(admin, "enum1", "enumerator", List.of("KH-SVR"));
        DeviceEnrolment device = app.enrolDevice(app.enrolmentCode(admin, "KH-SVR", "enum1").code());
        HttpResponse<String> manifest = app.get("/sync/manifest", device.deviceToken());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(app.read(manifest, Manifest.class).forms()).extracting(Manifest.FormEntry::formId)
                .contains("consent", "interview");
        HttpResponse<String> again = app.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/sync/manifest"))
                .header("Authorization", "Bearer " + device.deviceToken())
                .header("If-None-Match", manifest.headers().firstValue("ETag").orElseThrow())
                .GET());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(app.send("POST", "/devices/" + device.deviceId() + "/revoke", admin, null, null).statusCode())
                .isEqualTo(204);
        assertThat(app.get("/sync/manifest", device.deviceToken()).statusCode()).isEqualTo(401);
        assertThat(app.services().audit().verify().intact()).isTrue();
    }

    @Test
    void keysUploadsAndProgress_onPostgresql() throws Exception {
        UploadFixture uploads = uploads();
        List<com.fasterxml.jackson.databind.node.ObjectNode> envelopes = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            envelopes.add(uploads.valid("KH-SVR-RH-" + (100 + i)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> futures = new java.util.ArrayList<>();
            envelopes.forEach(e -> futures.add(pool.submit(() -> uploads.put(e))));
            for (java.util.concurrent.Future<HttpResponse<String>> f : futures) {
                assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        HttpResponse<String> retry = uploads.put(envelopes.get(0));
        assertThat(retry.statusCode()).isEqualTo(200);
        Receipt receipt = app.read(retry, Receipt.class);
        assertThat(Receipts.verify(receipt, app.services().receiptKey().publicKey())).isTrue();
        assertThat(app.count("submissions")).isEqualTo(20);
        Progress progress = app.read(app.get("/studies/" + TestApp.STUDY + "/progress", uploads.admin),
                Progress.class);
        assertThat(progress.rows()).contains(new Progress.Row("KH-SVR", "RH", 20, 8, List.of()));
        assertThat(app.services().audit().verify().intact()).isTrue();
    }

    @Test
    void withdrawalAndRetention_shredEnvelopesInTheirRows_onPostgresql() throws Exception {
        UploadFixture uploads = uploads();
        String pi = app.createUser(uploads.admin, "pg-pi", "principal_investigator", List.of()).password();
        SealedEnvelopes.Sealed gone = sealedUpload(uploads, "KH-SVR-DB-001");
        SealedEnvelopes.Sealed kept = sealedUpload(uploads, "KH-SVR-DB-002");

        HttpResponse<String> withdrawn = app.postJson("/studies/" + TestApp.STUDY + "/withdrawals",
                app.login("pg-pi", pi), new org.fieldsafe.core.wire.WithdrawalRequest("KH-SVR-DB-001"));

        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        assertThat(app.read(withdrawn, org.fieldsafe.core.wire.WithdrawalResult.class).parts()).isEqualTo(2);
        org.fieldsafe.core.wire.Envelope stored = stored(gone.id());
        for (String part : List.of("research", "identity")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SealedEnvelopes.open(stored, part,
                    uploads.keys, part)).isInstanceOf(org.fieldsafe.core.crypto.SealedPartException.class);
        }
        String row = app.services().database().read(h -> h.createQuery("SELECT envelope FROM submissions WHERE id = :id")
                .bind("id", gone.id()).mapTo(String.class).one());
        assertThat(row).doesNotContain(gone.envelope().parts().get("research").ciphertext());
        Progress progress = app.read(app.get("/studies/" + TestApp.STUDY + "/progress", uploads.admin),
                Progress.class);
        assertThat(progress.rows()).filteredOn(r -> r.site().equals("KH-SVR") && r.category().equals("DB"))
                .extracting(Progress.Row::received).containsExactly(1);
        assertThat(uploads.put(gone.id(), gone.bytes(), uploads.device.deviceToken()).statusCode()).isEqualTo(410);
        boolean tombstone = app.services().database().read(h -> h.attach(
                org.fieldsafe.server.submissions.SubmissionDao.class).isWithdrawn(gone.id()));
        assertThat(tombstone).isTrue();
        List<String> live = app.services().submissionStore().sealedPage(TestApp.STUDY, Set.of(), Set.of(), null, null,
                null, 1000).stream().map(org.fieldsafe.server.submissions.SubmissionStore.SealedRow::id).toList();
        assertThat(live).contains(kept.id()).doesNotContain(gone.id());

        app.clock.advance(java.time.Duration.ofDays(1826));
        try {
            assertThat(app.services().retention().runOnce().identityParts()).isEqualTo(1);
        } finally {
            app.clock.advance(java.time.Duration.ofDays(-1826));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SealedEnvelopes.open(stored(kept.id()), "identity",
                uploads.keys, "identity")).isInstanceOf(org.fieldsafe.core.crypto.SealedPartException.class);
        assertThat(SealedEnvelopes.open(stored(kept.id()), "research", uploads.keys, "research")).isNotEmpty();
        assertThat(app.services().audit().verify().intact()).isTrue();
    }

    /** The study keys and a device, set up once for the class (a study's keys are set once). */
    private static synchronized UploadFixture uploads() {
        if (fixture == null) {
            fixture = new UploadFixture(app);
            fixture.setUp("enum-pg");
        }
        return fixture;
    }

    /** A sealed upload of a duty bearer (the other test here counts rights holders). */
    private static SealedEnvelopes.Sealed sealedUpload(UploadFixture uploads, String code) {
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(uploads.target, uploads.keys,
                app.clock.instant().minusSeconds(60).toString(), "DB", "answer", false, uploads.codeHash(code));
        HttpResponse<String> put = uploads.put(sealed.id(), sealed.bytes(), uploads.device.deviceToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        return sealed;
    }

    private static org.fieldsafe.core.wire.Envelope stored(String id) {
        return SealedEnvelopes.read(app.services().submissionStore().envelope(id).orElseThrow()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
