package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same respondent code from two laptops: stored (both are real uploads), audited as a duplicate when the
 * second arrives through the group-commit writer, counted once in progress and reported there without the code.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProgressDuplicatesIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);

    @Test
    void progress_duplicateCode_flaggedNotDoubleCounted() {
        UPLOADS.setUp();
        DeviceEnrolment second = UPLOADS.enrol("enum-kh2", "KH-SVR");
        String first = upload(UPLOADS.device, "RH", "KH-SVR-RH-001");
        upload(UPLOADS.device, "RH", "KH-SVR-RH-002");
        assertThat(APP.count("audit_log", "event = 'submission.duplicate_code'")).isZero();

        String again = upload(second, "RH", "KH-SVR-RH-001");
        String joint = upload(second, "RH", "KH-SVR-RH-002", "KH-SVR-RH-003");

        assertThat(APP.count("submissions")).isEqualTo(4);
        assertThat(APP.count("audit_log", "event = 'submission.duplicate_code'")).isEqualTo(2);
        String subject = APP.services().database().read(h -> h.createQuery("SELECT subject FROM audit_log "
                + "WHERE event = 'submission.duplicate_code' AND subject LIKE :s").bind("s", "submission:" + again + "%")
                .mapTo(String.class).one());
        assertThat(subject).isEqualTo("submission:" + again + " also:" + first + " study:" + TestApp.STUDY
                + " site:KH-SVR category:RH codes:1");
        assertThat(APP.count("audit_log", "subject LIKE 'submission:" + joint + " %' AND subject LIKE '%codes:1'"))
                .isEqualTo(1);
        assertThat(APP.services().audit().verify().intact()).isTrue();

        Progress progress = APP.read(APP.get("/studies/" + TestApp.STUDY + "/progress", UPLOADS.admin),
                Progress.class);
        // the repeat of 001 adds no respondent: 3 interviews (001, 002, the joint one with 003 new)
        assertThat(progress.rows().get(0)).isEqualTo(new Progress.Row("KH-SVR", "RH", 3, 8, List.of(), 2));
        assertThat(progress.received()).isEqualTo(3);
        assertThat(progress.duplicates()).isEqualTo(2);
        assertThat(APP.get("/studies/" + TestApp.STUDY + "/progress", UPLOADS.admin).body())
                .doesNotContain(UPLOADS.codeHash("KH-SVR-RH-001")).doesNotContain("KH-SVR-RH-001");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AdminCli.run(new String[] {"progress", "--study", TestApp.STUDY},
                Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "admin",
                        "FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("KH-SVR   3/8").contains("! 2 respondent code(s) came in more than one "
                + "submission (counted once; see the audit log, submission.duplicate_code): KH-SVR RH: 2");
    }

    private static String upload(DeviceEnrolment device, String category, String... codes) {
        String id = UUID.randomUUID().toString();
        ObjectNode envelope = Envelopes.valid(UPLOADS.targetOf(device), id, category, UPLOADS.codeHash(codes[0]));
        ArrayNode respondents = (ArrayNode) envelope.get("header").get("respondents");
        for (int i = 1; i < codes.length; i++) { // a joint interview
            respondents.add(respondents.get(0).deepCopy());
            ((ObjectNode) respondents.get(i)).put("codeHash", UPLOADS.codeHash(codes[i]));
        }
        int status = UPLOADS.put(Envelopes.submissionId(envelope), Envelopes.bytes(envelope), device.deviceToken())
                .statusCode();
        assertThat(status).isEqualTo(201);
        return id;
    }
}
