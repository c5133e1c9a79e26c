package org.fieldsafe.server.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.ReadCache;
import org.fieldsafe.server.storage.StudyStore;

/** What a device downloads: its manifest, its study definition and published form versions. */
public final class SyncService {
    private final StudyStore studies;
    private final FormStore forms;
    private final StudyKeyService keys;
    private final ObjectMapper json;
    /**
     * Each device's manifest with its SHA-256 (the ETag), built once per write of what it lists (study, form and key
     * writes: {@link Database#definitionsGeneration()}), not after every write of any kind: a device that holds the
     * current one is answered 304 without a query, a serialisation or a hash (BENCHMARKS.md, (m) and (u)).
     */
    private final ReadCache<ManifestKey, Document> manifests;

    private record ManifestKey(String study, String site, String deviceId) {
    }

    public SyncService(Database database, StudyStore studies, FormStore forms, StudyKeyService keys,
                       ObjectMapper json) {
        this.manifests = new ReadCache<>(database::definitionsGeneration, 10_000);
        this.studies = studies;
        this.forms = forms;
        this.keys = keys;
        this.json = json;
    }

    /** A body with its SHA-256, the basis of its ETag. */
    public record Document(byte[] body, String sha256) {
    }

    /**
     * The manifest of the device's study and site: the latest published version of every form, the site's
     * referral directory, the study's public keys and the receipt key.
     */
    public Document manifest(FieldsafePrincipal.Device device) {
        return manifests.get(new ManifestKey(device.study(), device.site(), device.deviceId()),
                () -> build(device));
    }

    private Document build(FieldsafePrincipal.Device device) {
        CompiledStudy study = studies.current(device.study());
        List<Manifest.FormEntry> entries = forms.latestPublished(study.id()).stream()
                .map(row -> new Manifest.FormEntry(row.formId(), row.kind(), row.version(), row.sha256(),
                        forms.languages(row),
                        "/api/v1/sync/forms/" + row.formId() + "/versions/" + row.version()))
                .toList();
        Manifest.DirectoryRef directory = study.sites().stream()
                .filter(s -> s.site().equals(device.site()))
                .findFirst()
                .map(s -> new Manifest.DirectoryRef(s.site(), s.version(), s.sha256()))
                .orElse(null);
        Manifest manifest = new Manifest(new Manifest.StudyRef(study.id(), study.sha256()), device.site(),
                device.deviceId(), entries, directory, keys.deviceKeys(study.id()));
        try {
            byte[] body = json.writeValueAsBytes(manifest);
            return new Document(body, Digests.sha256Hex(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the manifest", e);
        }
    }

    public Document study(FieldsafePrincipal.Device device) {
        CompiledStudy study = studies.current(device.study());
        return new Document(study.canonicalJson().getBytes(StandardCharsets.UTF_8), study.sha256());
    }

    /** A published (or since retired) form version of the device's study; drafts are not served. */
    public Document form(FieldsafePrincipal.Device device, String formId, int version) {
        FormVersionRow row = forms.find(device.study(), formId, version)
                .filter(r -> !FormStore.DRAFT.equals(r.state()))
                .orElseThrow(() -> ProblemException.notFound("Form version"));
        return new Document(row.canonicalJson().getBytes(StandardCharsets.UTF_8), row.sha256());
    }
}
