package org.fieldsafe.server.openrosa;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.Sealing;
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
    private final OpenRosaWithdrawals withdrawals;
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
                                ExportFilter filter, byte[] codeKey, OpenRosaWithdrawals withdrawals) {
        this.codeKey = codeKey;
        this.withdrawals = withdrawals;
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

    /** The stored submissions' recordings (an ODK submission's media files are not exported). */
    @Override
    public org.fieldsafe.export.SealedRecordings recordings() {
        return stored.recordings();
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
            if (row.withdrawnAt() != null) {
                withdrawn++;
                continue;
            }
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

    /**
     * The submission as a sealed envelope, or empty (counted) when it does not open, lacks consent or is of a
     * respondent who withdrew. Each one opened gets its respondent's code hash recorded, so a later withdrawal finds
     * it ({@link OpenRosaWithdrawals}); one of a respondent who withdrew is shredded then.
     */
    private Optional<byte[]> open(OpenRosaSubmissionRow row) throws IOException {
        if (odkKey == null) {
            unopenable++;
            return Optional.empty();
        }
        Optional<OdkOpening> opening = OdkOpening.open(database, row, versions, odkKey);
        String codeHash = opening.map(o -> o.codeHash(codeKey)).orElse(OpenRosaSubmissionRow.NO_CODE);
        // an indexed submission of a respondent who withdrew was shredded by the withdrawal (withdrawn_at set)
        boolean withdrew = row.codeHash() == null && withdrawals.record(study.id(), row.id(), codeHash);
        if (opening.isEmpty()) {
            unopenable++;
            return Optional.empty();
        }
        if (withdrew) {
            withdrawn++;
            return Optional.empty();
        }
        OdkInstance instance = opening.get().instance();
        FormVersions.Version version = opening.get().version();
        if (!instance.consented(study)) {
            notConsented++;
            return Optional.empty();
        }
        String code = instance.text(OdkInstance.CODE).orElseThrow();
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
}
