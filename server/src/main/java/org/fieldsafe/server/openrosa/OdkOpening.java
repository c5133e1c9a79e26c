package org.fieldsafe.server.openrosa;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.odk.OdkManifest;
import org.fieldsafe.core.crypto.odk.OdkManifestException;
import org.fieldsafe.core.crypto.odk.OdkSubmissionOpener;
import org.fieldsafe.core.crypto.odk.OpenedOdkSubmission;
import org.fieldsafe.server.storage.Database;

/**
 * One stored OpenRosa submission opened in memory with the unlocked ODK key: its decrypted instance read against the
 * form version it was served under, and its decrypted media files by name. Used by the export and by the respondent
 * index a withdrawal needs ({@link OpenRosaWithdrawals}).
 */
public record OdkOpening(OdkInstance instance, FormVersions.Version version, Map<String, byte[]> media) {

    /** Empty when the submission does not open (no such form version, wrong key, files altered or missing). */
    public static Optional<OdkOpening> open(Database database, OpenRosaSubmissionRow row,
                                            Map<String, FormVersions.Version> versions, PrivateKey odkKey) {
        FormVersions.Version version = versions.get(row.formId() + "@" + row.formVersion());
        if (odkKey == null || version == null || row.withdrawnAt() != null) {
            return Optional.empty();
        }
        try {
            OdkManifest manifest = OdkManifest.parse(row.manifest().getBytes(StandardCharsets.UTF_8));
            OpenedOdkSubmission submission = OdkSubmissionOpener.open(odkKey, manifest, name -> file(database, row,
                    name));
            return Optional.of(new OdkOpening(OdkInstance.read(submission.submissionXml(), version.consent(),
                    version.form()), version, submission.media()));
        } catch (CryptoException | OdkManifestException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The keyed hash of the respondent code the consent group names, or {@link OpenRosaSubmissionRow#NO_CODE}. */
    public String codeHash(byte[] codeKey) {
        return instance.text(OdkInstance.CODE).map(code -> RespondentCodes.hash(codeKey, code))
                .orElse(OpenRosaSubmissionRow.NO_CODE);
    }

    /** A stored encrypted file, null when missing or not the bytes stored at ingest (its SHA-256 differs). */
    private static byte[] file(Database database, OpenRosaSubmissionRow row, String name) {
        return database.read(h -> h.attach(OpenRosaDao.class).file(row.id(), name))
                .map(f -> {
                    byte[] bytes = Base64.getDecoder().decode(f.content());
                    return Digests.sha256Hex(bytes).equals(f.sha256()) ? bytes : null;
                }).orElse(null);
    }
}
