package org.fieldsafe.server.openrosa;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.odk.OdkManifest;
import org.fieldsafe.core.crypto.odk.OdkManifestException;
import org.fieldsafe.core.wire.OpenRosaProgress;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.keys.OdkKeys;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.StudyStore;

/**
 * Receives ODK-encrypted submissions (OpenRosa form submission API) from a device's app user and stores them sealed
 * as received: the plaintext manifest and the encrypted files, never any plaintext answer. One submission per
 * study and {@code instanceID}; Collect may split it over several POSTs ({@code *isIncomplete*}), each adding files
 * the manifest names. A POST that repeats what is stored is accepted without writing; other bytes for a stored
 * file or another manifest for the same instance are 409. Anything not ODK-encrypted is refused (422) and nothing
 * is written. Each POST that writes is audited ({@code openrosa.submission.received}), without answers.
 */
public final class OpenRosaSubmissions {
    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final OdkKeys odkKeys;
    private final AuditLog audit;
    private final Clock clock;
    private final long acceptContentLength;

    /** @param acceptContentLength the largest POST body taken ({@code server.maxRequestBytes}) */
    public OpenRosaSubmissions(Database database, StudyStore studies, FormStore forms, OdkKeys odkKeys, AuditLog audit,
                               Clock clock, long acceptContentLength) {
        this.acceptContentLength = acceptContentLength;
        this.database = database;
        this.studies = studies;
        this.forms = forms;
        this.odkKeys = odkKeys;
        this.audit = audit;
        this.clock = clock;
    }

    /** The study's OpenRosa submissions per site and state (no content), for the progress view. */
    public OpenRosaProgress progress(String studyId) {
        String study = studies.current(studyId).id();
        List<OpenRosaSubmissionRow> rows = database.read(h -> h.attach(OpenRosaDao.class).list(study));
        Map<String, Integer> bySite = new java.util.TreeMap<>();
        rows.forEach(r -> bySite.merge(r.site(), 1, Integer::sum));
        int incomplete = (int) rows.stream().filter(r -> OpenRosaSubmissionRow.INCOMPLETE.equals(r.state())).count();
        return new OpenRosaProgress(study, rows.size(), incomplete, bySite,
                List.of(OpenRosaSubmissionRow.LACKS.split(",")));
    }

    /** What HEAD announces as {@code X-OpenRosa-Accept-Content-Length}: Collect splits larger submissions. */
    public long acceptContentLength() {
        return acceptContentLength;
    }

    /** What a POST did: the submission, its state, and whether it only repeated what was stored. */
    public record Received(String submissionId, String instanceId, String state, boolean repeated) {
    }

    /**
     * @param files the other parts of the POST by file name (the encrypted {@code .enc} files)
     */
    public Received receive(FieldsafePrincipal device, String studyId, byte[] manifestXml, Map<String, byte[]> files) {
        String study = studies.current(studyId).id();
        if (odkKeys.publicKey(study).isEmpty()) {
            throw ProblemException.conflict("odk-key-missing", "No ODK key",
                    "The study has no ODK key yet (admin keys odk): its forms are not offered to ODK devices.");
        }
        OdkManifest manifest = parse(manifestXml);
        List<String> published = forms.latestPublished(study).stream().map(FormVersionRow::formId).toList();
        if (!published.contains(manifest.formId())) {
            throw ProblemException.unprocessable("openrosa-form-unknown", "Unknown form",
                    "The submission's form id is not a published form of this study.");
        }
        for (String name : files.keySet()) {
            if (!manifest.allFiles().contains(name)) {
                throw ProblemException.invalid("openrosa-file-unexpected", "File not in the manifest",
                        "A posted file is not named in the submission's manifest.");
            }
        }
        String manifestSha = Digests.sha256Hex(manifestXml);
        Instant now = Instant.ofEpochMilli(clock.millis());
        return database.write(handle -> {
            OpenRosaDao dao = handle.attach(OpenRosaDao.class);
            OpenRosaSubmissionRow row = dao.findByInstance(study, manifest.instanceId()).orElse(null);
            boolean created = row == null;
            if (row != null && row.withdrawnAt() != null) {
                throw ProblemException.gone("openrosa-withdrawn", "Respondent withdrew",
                        "This submission's respondent withdrew from the study; it was deleted and is not taken again.");
            }
            if (created) {
                FieldsafePrincipal.Device d = device.device();
                row = new OpenRosaSubmissionRow(UUID.randomUUID().toString(), study, manifest.formId(),
                        manifest.version(), manifest.instanceId(), d.deviceId(), d.site(), device.name(),
                        new String(manifestXml, StandardCharsets.UTF_8), manifestSha, OpenRosaSubmissionRow.LACKS,
                        OpenRosaSubmissionRow.INCOMPLETE, now, null, null, null);
                dao.insert(row);
            } else if (!row.manifestSha256().equals(manifestSha) || !row.deviceId().equals(device.device().deviceId())) {
                throw conflict();
            }
            Map<String, String> stored = new HashMap<>();
            dao.fileHashes(row.id()).forEach(f -> stored.put(f.name(), f.sha256()));
            int added = 0;
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String sha = Digests.sha256Hex(file.getValue());
                String before = stored.get(file.getKey());
                if (before != null && !before.equals(sha)) {
                    throw conflict();
                }
                if (before == null) {
                    dao.insertFile(new OpenRosaFileRow(row.id(), file.getKey(), sha, file.getValue().length,
                            Base64.getEncoder().encodeToString(file.getValue()), now));
                    stored.put(file.getKey(), sha);
                    added++;
                }
            }
            String state = row.state();
            if (OpenRosaSubmissionRow.INCOMPLETE.equals(state) && stored.keySet().containsAll(manifest.allFiles())) {
                dao.complete(row.id(), now);
                state = OpenRosaSubmissionRow.COMPLETE;
            }
            if (created || added > 0) {
                audit.append(handle, device.actor(), "openrosa.submission.received", "openrosa:" + row.id()
                        + " study:" + study + " form:" + manifest.formId() + " site:" + row.site() + " files:+"
                        + added + " state:" + state + " lacks:" + OpenRosaSubmissionRow.LACKS);
            }
            return new Received(row.id(), manifest.instanceId(), state, !created && added == 0);
        });
    }

    private static OdkManifest parse(byte[] manifestXml) {
        try {
            return OdkManifest.parse(manifestXml);
        } catch (OdkManifestException e) {
            if (e.unencrypted()) {
                throw ProblemException.unprocessable("openrosa-unencrypted", "Only encrypted submissions",
                        "This server accepts only ODK-encrypted submissions for study forms; update the form on the "
                                + "device (its XForm carries the study's base64RsaPublicKey) and finalise again.");
            }
            throw ProblemException.invalid("openrosa-manifest-invalid", "Submission manifest not valid",
                    e.getMessage());
        }
    }

    private static ProblemException conflict() {
        return ProblemException.conflict("openrosa-instance-conflict", "Another submission with this instanceID",
                "A different submission with the same instanceID is stored already; it is not replaced.");
    }
}
