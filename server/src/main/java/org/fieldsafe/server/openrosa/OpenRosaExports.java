package org.fieldsafe.server.openrosa;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.odk.OdkRsaKeys;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.export.ExportRequest;
import org.fieldsafe.export.SealedSource;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.export.AddedSources;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.StudyKeyDao;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.UnlockedKey;
import org.fieldsafe.server.problems.DomainException;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.StudyStore;

/**
 * Adds a study's OpenRosa submissions to a data manager's export: when the study has any, the ODK key is unlocked
 * with the same passphrase as the research key, as the same person (audited by custody as {@code export:<id>}). A
 * holder without an ODK copy, or with another passphrase on it, still gets the export; the OpenRosa submissions are
 * then counted unopenable in the manifest.
 */
public final class OpenRosaExports implements AddedSources {
    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final KeyCustody custody;
    private final StudyKeyService keys;
    private final OpenRosaWithdrawals withdrawals;

    public OpenRosaExports(Database database, StudyStore studies, FormStore forms, KeyCustody custody,
                           StudyKeyService keys, OpenRosaWithdrawals withdrawals) {
        this.keys = keys;
        this.withdrawals = withdrawals;
        this.database = database;
        this.studies = studies;
        this.forms = forms;
        this.custody = custody;
    }

    @Override
    public Added open(ExportRequest request, FieldsafePrincipal who, char[] passphrase, String exportId) {
        String study = request.studyId();
        if (database.read(h -> h.attach(OpenRosaDao.class).list(study)).isEmpty()) {
            return NONE.open(request, who, passphrase, exportId);
        }
        UnlockedKey odk = unlock(study, who, passphrase, exportId);
        PrivateKey privateKey = null;
        try {
            privateKey = odk == null ? null : OdkRsaKeys.privateKey(odk.privateKey());
        } catch (CryptoException e) {
            privateKey = null;
        }
        PrivateKey opened = privateKey;
        RecipientKey research = database.read(h -> h.attach(StudyKeyDao.class).find(study, StudyKeyService.RESEARCH))
                .map(r -> RecipientKey.of(Base64.getDecoder().decode(r.publicKey()))).orElseThrow();
        Study definition = Study.fromCanonicalJson(studies.current(study).canonicalJson()
                .getBytes(StandardCharsets.UTF_8));
        var versions = FormVersions.of(forms.list(study));
        byte[] codeKey = Base64.getDecoder().decode(keys.respondentCodeKey(study).orElseThrow());
        return new Added() {
            @Override
            public SealedSource wrap(SealedSource stored) {
                return new OpenRosaExportSource(stored, database, definition, versions, opened, research,
                        request.filter(), codeKey, withdrawals);
            }

            @Override
            public void close() {
                java.util.Arrays.fill(codeKey, (byte) 0);
                if (odk != null) {
                    odk.close();
                }
            }
        };
    }

    private UnlockedKey unlock(String study, FieldsafePrincipal who, char[] passphrase, String exportId) {
        try {
            return custody.unlock(study, StudyKeyService.ODK, passphrase, who, "export:" + exportId);
        } catch (DomainException e) {
            return null;
        }
    }
}
