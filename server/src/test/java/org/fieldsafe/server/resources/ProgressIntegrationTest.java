package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.cli.AdminCli;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Progress counts what was received per site x category, over HTTP and through {@code admin progress}. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProgressIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        DeviceEnrolment dhaka = UPLOADS.enrol("enum-bd", "BD-DHK");
        upload(UPLOADS.device, UPLOADS.target, "RH", "KH-SVR-RH-001");
        upload(UPLOADS.device, UPLOADS.target, "RH", "KH-SVR-RH-002");
        upload(UPLOADS.device, UPLOADS.target, "RH", "KH-SVR-RH-003");
        upload(UPLOADS.device, UPLOADS.target, "DB", "KH-SVR-DB-001");
        upload(dhaka, UPLOADS.targetOf(dhaka), "RH", "BD-DHK-RH-001");
    }

    @Test
    void progress_countsPerSiteAndCategoryAgainstTargets() {
        Progress progress = APP.read(APP.get("/studies/" + TestApp.STUDY + "/progress", UPLOADS.admin),
                Progress.class);
        assertThat(progress).isEqualTo(new Progress(TestApp.STUDY, List.of(
                new Progress.Row("KH-SVR", "RH", 3, 8, List.of()),
                new Progress.Row("KH-SVR", "DB", 1, 4, List.of()),
                new Progress.Row("BD-DHK", "RH", 1, 6, List.of()),
                new Progress.Row("BD-DHK", "DB", 0, 0, List.of())), 5, 18));
        assertThat(APP.get("/studies/nope/progress", UPLOADS.admin).statusCode()).isEqualTo(404);
    }

    @Test
    void adminProgress_printsTheTable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(new String[] {"progress", "--study", TestApp.STUDY},
                Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "admin",
                        "FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Progress of test-study (received/target)
                site      RH   DB  total
                KH-SVR   3/8  1/4   4/12
                BD-DHK   1/6  0/0    1/6
                total   4/14  1/4   5/18
                """);
    }

    private static void upload(DeviceEnrolment device, Envelopes.Target target, String category, String code) {
        var envelope = Envelopes.valid(target, UUID.randomUUID().toString(), category, UPLOADS.codeHash(code));
        int status = UPLOADS.put(Envelopes.submissionId(envelope), Envelopes.bytes(envelope), device.deviceToken())
                .statusCode();
        assertThat(status).isEqualTo(201);
    }
}
