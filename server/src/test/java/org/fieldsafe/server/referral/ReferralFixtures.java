package org.fieldsafe.server.referral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;

/** Test fixtures for referral cases: a study with an authorities service, and uploads with a disclosure. */
public final class ReferralFixtures {
    private ReferralFixtures() {
    }

    /**
     * A copy of the fixture forms whose study has a police service ({@code kh-police}, involves the authorities)
     * in KH-SVR's directory beside {@code kh-helpline} and {@code kh-shelter}.
     */
    public static Path formsWithPolice() {
        try {
            Path root = copyOfFixtureForms();
            Path study = root.resolve("test-study").resolve("study.yaml");
            String yaml = Files.readString(study);
            String anchor = "          confirmed: 2026-01-15\n";
            if (!yaml.contains(anchor)) {
                throw new IllegalStateException("fixture study changed: no kh-shelter entry to add police after");
            }
            yaml = yaml.replaceFirst(anchor, anchor
                    + "        - id: kh-police\n"
                    + "          kind: police\n"
                    + "          name: {en: \"Provincial police\"}\n"
                    + "          languages: [km]\n"
                    + "          gender_served: any\n"
                    + "          cost: free\n"
                    + "          involves_authorities: true\n"
                    + "          confirmed: 2026-01-15\n");
            Files.writeString(study, yaml);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the fixture forms in a new temporary directory, to change for one test class. */
    public static Path copyOfFixtureForms() throws IOException {
        Path root = Files.createTempDirectory("fieldsafe-forms");
        try (Stream<Path> files = Files.walk(TestApp.FIXTURE_FORMS)) {
            for (Path from : files.toList()) {
                Path to = root.resolve(TestApp.FIXTURE_FORMS.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return root;
    }

    /**
     * Uploads, from the device of {@code target} (with {@code token}), an envelope sealed for real: triage in the
     * header (category current_risk), a research part, and a referral part as the client writes it (code, triage,
     * the respondent's route consents, and {@code contact} as how to get in touch). Returns the submission id.
     */
    public static String upload(UploadFixture uploads, Envelopes.Target target, String token, String code,
                                String choice, String urgency, boolean byEnumerator, Map<String, Boolean> routes,
                                String contact) {
        ObjectNode tree = Envelopes.valid(target, uploads.codeHash(code));
        Envelopes.set(tree, "header.triage", new SubmissionHeader.Triage("current_risk", urgency, choice,
                byEnumerator));
        Map<String, Object> referral = new LinkedHashMap<>();
        referral.put("code", code);
        referral.put("category", "current_risk");
        referral.put("urgency", urgency);
        referral.put("choice", choice);
        referral.put("routes", routes);
        referral.put("contact", Map.of("how", contact, "when", "evenings"));
        try {
            return uploads.putSealed(tree, Map.of(Envelope.RESEARCH, "{\"answers\":{}}".getBytes(
                    StandardCharsets.UTF_8), Envelope.REFERRAL, uploads.app.json.writeValueAsBytes(referral)), token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the case a submission opened. */
    public static String caseId(TestApp app, String submissionId) {
        return app.services().database().read(h -> h.createQuery("SELECT id FROM referral_cases WHERE "
                + "submission_id = :s").bind("s", submissionId).mapTo(String.class).one());
    }
}
