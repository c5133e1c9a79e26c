package org.fieldsafe.server.openrosa;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.crypto.odk.OdkManifest;
import org.fieldsafe.core.crypto.odk.OdkManifestException;
import org.fieldsafe.core.crypto.odk.OdkSubmissionOpener;
import org.fieldsafe.core.crypto.odk.OpenedOdkSubmission;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.export.ExportFilter;
import org.fieldsafe.export.ExportManifest;
import org.fieldsafe.export.ResearchPart;
import org.fieldsafe.export.SealedConsumer;
import org.fieldsafe.export.SealedSource;
import org.fieldsafe.export.SealedSubmission;
import org.fieldsafe.server.storage.Database;

/**
 * A study's stored submissions followed by its complete OpenRosa submissions, for one export. Each OpenRosa one is
 * opened with the unlocked ODK key (in memory, one at a time), its consent re-checked from the decrypted answers
 * (left out and counted when it fails), and handed to the export engine as a research part sealed in memory to the
 * research key under a header the server writes: {@code device-consent-gate, aead-header} and the forgeable MD5
 * signature are what such a submission lacks, and the manifest's {@code openRosa} section says so and counts them.
 */
public final class OpenRosaExportSource implements SealedSource {
    private static final ObjectMapper JSON = JsonMappers.plain();
    private final SealedSource stored;
    private final Database database;
    private final Study study;
    private final Map<String, FormVersions.Version> versions;
    private final PrivateKey odkKey;
    private final RecipientKey research;
    private final ExportFilter filter;
    private final byte[] codeKey;
    private long received;
    private long incomplete;
    private long opened;
    private long notConsented;
    private long unopenable;
    private long withdrawn;

    /**
     * @param versions the study's form versions by the XForm version string Fieldsafe served them under
     * @param odkKey   the unlocked ODK private key, or null when the exporter holds none (then every OpenRosa
     *                 submission is counted unopenable)
     */
    public OpenRosaExportSource(SealedSource stored, Database database, Study study,
                                Map<String, FormVersions.Version> versions, PrivateKey odkKey, RecipientKey research,
                                ExportFilter filter, byte[] codeKey) {
        this.codeKey = codeKey;
        this.stored = stored;
        this.database = database;
        this.study = study;
        this.versions = versions;
        this.odkKey = odkKey;
        this.research = research;
        this.filter = filter;
    }

    @Override
    public long count() throws IOException {
        return stored.count() + rows().size();
    }

    @Override
    public long withdrawn() {
        return stored.withdrawn();
    }

    @Override
    public long outsideFilter() {
        return stored.outsideFilter();
    }

    @Override
    public ExportManifest.OpenRosa openRosa() {
        return new ExportManifest.OpenRosa(received, incomplete, opened, notConsented, withdrawn, unopenable,
                List.of(OpenRosaSubmissionRow.LACKS.split(",")),
                "Submitted by ODK Collect over OpenRosa: no device-side consent gate (consent re-checked here from the"
                        + " decrypted answers; " + notConsented + " left out; " + withdrawn + " of withdrawn"
                        + " respondents left out), no authenticated Fieldsafe header"
                        + " (site, device and form are the server's record of the upload), and an MD5 element"
                        + " signature that anyone holding the form could forge.");
    }

    @Override
    public void forEach(SealedConsumer consumer) throws IOException {
        stored.forEach(consumer);
        for (OpenRosaSubmissionRow row : rows()) {
            received++;
            if (!OpenRosaSubmissionRow.COMPLETE.equals(row.state())) {
                incomplete++;
                continue;
            }
            Optional<byte[]> envelope = open(row);
            if (envelope.isPresent()) {
                opened++;
                consumer.accept(new SealedSubmission(row.id(), JSON.readValue(envelope.get(), Envelope.class)
                        .header(), envelope.get()));
            }
        }
    }

    private List<OpenRosaSubmissionRow> rows() {
        return database.read(h -> h.attach(OpenRosaDao.class).list(study.id())).stream()
                .filter(r -> filter.sites().isEmpty() || filter.sites().contains(r.site()))
                .filter(r -> filter.formIds().isEmpty() || filter.formIds().contains(r.formId()))
                .toList();
    }

    /** The submission as a sealed envelope, or empty (counted) when it does not open or lacks consent. */
    private Optional<byte[]> open(OpenRosaSubmissionRow row) throws IOException {
        FormVersions.Version version = versions.get(row.formId() + "@" + row.formVersion());
        if (odkKey == null || version == null) {
            unopenable++;
            return Optional.empty();
        }
        OdkInstance instance;
        try {
            OdkManifest manifest = OdkManifest.parse(row.manifest().getBytes(StandardCharsets.UTF_8));
            OpenedOdkSubmission submission = OdkSubmissionOpener.open(odkKey, manifest, name -> file(row, name));
            instance = OdkInstance.read(submission.submissionXml(), version.consent(), version.form());
        } catch (CryptoException | OdkManifestException | IllegalArgumentException e) {
            unopenable++;
            return Optional.empty();
        }
        if (!instance.consented(study)) {
            notConsented++;
            return Optional.empty();
        }
        String code = instance.text(OdkInstance.CODE).orElseThrow();
        // a withdrawal finds Fieldsafe submissions by the code's keyed hash; these carry none, so it is checked here
        String codeHash = org.fieldsafe.core.crypto.RespondentCodes.hash(codeKey, code);
        if (database.read(h -> h.attach(OpenRosaDao.class).countWithdrawn(study.id(), codeHash)) > 0) {
            withdrawn++;
            return Optional.empty();
        }
        String[] segments = code.split("-");
        String category = instance.consent().containsKey("category") ? instance.consent().get("category").toString()
                : instance.answers().containsKey("category") ? instance.answers().get("category").toString()
                : segments.length >= 2 ? segments[segments.length - 2] : null;
        Object age = instance.consent().get(OdkInstance.AGE);
        boolean minor = age instanceof Number n && n.intValue() < study.ageOfMajority();
        SubmissionHeader.ConsentAssertion consent = new SubmissionHeader.ConsentAssertion(true,
                "yes".equals(instance.consent().get("recording_consent")), null, minor,
                minor ? Boolean.TRUE : null, minor ? Boolean.TRUE : null);
        SubmissionHeader header = new SubmissionHeader(SubmissionHeader.VERSION, row.id(), study.id(),
                version.formRef(), version.consentRef(), row.site(), row.deviceId(), row.enumerator(),
                (row.completedAt() == null ? row.receivedAt() : row.completedAt()).toString(), study.masterLanguage(),
                List.of(new SubmissionHeader.RespondentAssertion(codeHash, category, consent)), null,
                List.of(Envelope.RESEARCH));
        ResearchPart part = ResearchPart.of(version.formRef(), study.masterLanguage(), List.of(
                new ResearchPart.Respondent(code, category, instance.consent(), instance.answers())));
        Envelope envelope = Sealing.seal(header, Map.of(Envelope.RESEARCH, JSON.writeValueAsBytes(part)),
                Map.of(Envelope.RESEARCH, List.of(research)));
        return Optional.of(JSON.writeValueAsBytes(envelope));
    }

    /** A stored encrypted file, null when missing or not the bytes stored at ingest (its SHA-256 differs). */
    private byte[] file(OpenRosaSubmissionRow row, String name) {
        return database.read(h -> h.attach(OpenRosaDao.class).file(row.id(), name))
                .map(f -> {
                    byte[] bytes = Base64.getDecoder().decode(f.content());
                    return Digests.sha256Hex(bytes).equals(f.sha256()) ? bytes : null;
                }).orElse(null);
    }
}
