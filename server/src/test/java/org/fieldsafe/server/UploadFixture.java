package org.fieldsafe.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * A {@link TestApp} ready for uploads: the fixture study with keys, an enumerator ({@code enum1} unless named)
 * with a device at KH-SVR, and the header values that device must send. Call {@link #setUp} once the app runs.
 */
public final class UploadFixture {
    public final TestApp app;
    public String admin;
    public DeviceEnrolment device;
    public Envelopes.StudyKeys keys;
    public Envelopes.Target target;

    public UploadFixture(TestApp app) {
        this.app = app;
    }

    public void setUp() {
        setUp("enum1");
    }

    /** As {@link #setUp()}, with the device's enumerator named {@code enumerator}. */
    public void setUp(String enumerator) {
        admin = app.adminToken();
        keys = Envelopes.newStudyKeys();
        HttpResponse<String> created = app.postStudyKeys(admin, TestApp.STUDY, keys);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Study keys refused: " + created.body());
        }
        device = enrol(enumerator, "KH-SVR");
        List<FormVersionInfo> forms = app.read(app.get("/studies/" + TestApp.STUDY + "/forms", admin),
                new TypeReference<List<FormVersionInfo>>() {
                });
        target = new Envelopes.Target(TestApp.STUDY, "KH-SVR", device.deviceId(), enumerator, ref(forms, "interview"),
                ref(forms, "consent"), keys.fingerprints());
    }

    /** A new enumerator with a device at {@code site}. */
    public DeviceEnrolment enrol(String enumerator, String site) {
        app.createUser(admin, enumerator, "enumerator", List.of(site));
        return app.enrolDevice(app.enrolmentCode(admin, site, enumerator).code());
    }

    /** The target of another device of the same study (its own site, device id and enumerator). */
    public Envelopes.Target targetOf(DeviceEnrolment other) {
        return new Envelopes.Target(target.study(), other.site(), other.deviceId(), other.enumerator(), target.form(),
                target.consentForm(), target.fingerprints());
    }

    public ObjectNode valid(String code) {
        return Envelopes.valid(target, codeHash(code));
    }

    public String codeHash(String code) {
        return Envelopes.codeHash(keys.codeKey(), code);
    }

    public HttpResponse<String> put(ObjectNode envelope) {
        return put(Envelopes.submissionId(envelope), Envelopes.bytes(envelope), device.deviceToken());
    }

    public HttpResponse<String> put(String id, byte[] body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/submissions/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return app.send(request);
    }

    /** Uploads a whole sealed attachment {@code name} of submission {@code id} in one chunk, with the device's token. */
    public HttpResponse<String> putAttachment(String id, String name, byte[] sealed) {
        return app.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/submissions/" + id
                        + "/attachments/" + name))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + device.deviceToken())
                .header("Content-Range", "bytes 0-" + (sealed.length - 1) + "/" + sealed.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(sealed)));
    }

    /**
     * Seals {@code parts} (part name to its JSON bytes) for real to the fixture's study keys (research, identity,
     * referral to safeguarding) in an envelope of one respondent with {@code code}, uploads it, and returns its id.
     */
    public String putSealed(String code, Map<String, byte[]> parts) {
        return putSealed(valid(code), parts, device.deviceToken());
    }

    /**
     * As {@link #putSealed(String, Map)}, with the header of {@code tree} (e.g. {@link Envelopes#valid} of another
     * device's target, with triage set) uploaded with {@code token}.
     */
    public String putSealed(ObjectNode tree, Map<String, byte[]> parts, String token) {
        List<String> names = new ArrayList<>(parts.keySet());
        names.sort(null);
        Envelopes.set(tree, "header.parts", names);
        try {
            SubmissionHeader header = app.json.treeToValue(tree.get("header"), SubmissionHeader.class);
            Map<String, List<RecipientKey>> recipients = new TreeMap<>();
            for (String name : names) {
                String purpose = name.equals(Envelope.REFERRAL) ? "safeguarding" : name;
                recipients.put(name, List.of(RecipientKey.of(keys.pairs().get(purpose).publicKey())));
            }
            Envelope sealed = Sealing.seal(header, parts, recipients);
            HttpResponse<String> put = put(header.submissionId(), app.json.writeValueAsBytes(sealed), token);
            if (put.statusCode() != 201) {
                throw new IllegalStateException("Upload refused: " + put.body());
            }
            return header.submissionId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SubmissionHeader.FormRef ref(List<FormVersionInfo> forms, String id) {
        FormVersionInfo info = forms.stream().filter(f -> f.formId().equals(id) && f.version() == 1).findFirst()
                .orElseThrow();
        return new SubmissionHeader.FormRef(id, 1, info.sha256());
    }
}
