package org.fieldsafe.server.submissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.forms.Category;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionImport;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.json.ServerJson;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.problems.DomainException;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Imports of an earlier wave (docs/api.md "Imported submissions"): envelopes the data manager's command line sealed
 * from an ODK Central or KoboToolbox export. Each is checked like a device upload (header rules, parts, the study's
 * keys, published form versions, consent assertions), with the import's own device id
 * ({@link SubmissionImport#DEVICE_ID}) and the importer as enumerator; then all of them are stored in one
 * transaction, or none (any problem refuses the whole request, naming the item and the field). An instance id
 * imported before is skipped and counted. The server sees sealed parts only.
 */
public final class SubmissionImports {
    /** Items per request: the command line sends larger exports in several requests. */
    static final int MAX_ITEMS = 500;
    private static final long MAX_ENVELOPE_BYTES = 1L << 20;
    private static final Set<String> SOURCES = Set.of(SubmissionImport.ODK_CENTRAL, SubmissionImport.KOBO);

    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final StudyKeyService keys;
    private final SubmissionStore store;
    private final AuditLog audit;
    private final ObjectMapper json = ServerJson.envelope();
    private final Clock clock;
    private final EnvelopeParser parser = new EnvelopeParser(MAX_ENVELOPE_BYTES);

    public SubmissionImports(Database database, StudyStore studies, FormStore forms, StudyKeyService keys,
                             SubmissionStore store, AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.forms = forms;
        this.keys = keys;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What sealing on import needs: the study's definition, its respondent-code key and the import's device id.
     * Handing out the code key is audited ({@code import.context.fetched}); 404 for an unknown study, 409 before
     * the study has keys.
     */
    public SubmissionImport.Context context(FieldsafePrincipal principal, String studyId) {
        CompiledStudy study = studies.current(studyId);
        String codeKey = keys.respondentCodeKey(study.id()).orElseThrow(() -> ProblemException.conflict(
                "study-keys-missing", "Study has no keys", "The study has no keys yet (admin keys init)."));
        audit.append(principal.actor(), "import.context.fetched", "study:" + study.id());
        return new SubmissionImport.Context(study.id(), study.canonicalJson(), codeKey, SubmissionImport.DEVICE_ID);
    }

    /** Checks and (unless a dry run) stores an import; every refusal is a 4xx naming the item and field. */
    public SubmissionImport.Result importBatch(FieldsafePrincipal principal, String studyId,
                                               SubmissionImport.Request request) {
        CompiledStudy compiled = studies.current(studyId);
        checkRequest(request);
        Study study = Study.fromCanonicalJson(compiled.canonicalJson().getBytes(StandardCharsets.UTF_8));
        List<Checked> checked = database.read(h -> check(h, principal, study, request));
        List<String> instanceIds = checked.stream().map(Checked::instanceId).toList();
        if (request.dryRun()) {
            Set<String> already = new HashSet<>(database.read(h -> importedAlready(h, study.id(), request.formId(),
                    instanceIds)));
            return result(study, request, checked.size() - already.size(), already.size(), 0);
        }
        return database.write(h -> store(h, principal, study, request, checked));
    }

    private record Checked(String instanceId, NewSubmission submission) {
    }

    private static void checkRequest(SubmissionImport.Request r) {
        if (r == null || r.source() == null || !SOURCES.contains(r.source())) {
            throw ProblemException.invalidField("import-invalid", "Import not valid", "source");
        }
        if (r.formId() == null || r.formId().isBlank()) {
            throw ProblemException.invalidField("import-invalid", "Import not valid", "formId");
        }
        if (r.submissions() == null || r.submissions().isEmpty() || r.submissions().size() > MAX_ITEMS) {
            throw ProblemException.invalidField("import-invalid", "Import not valid", "submissions");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.submissions().size(); i++) {
            SubmissionImport.Item item = r.submissions().get(i);
            String id = item == null ? null : item.instanceId();
            if (id == null || id.isBlank() || id.length() > 200 || !seen.add(id)) {
                throw ProblemException.invalidField("import-invalid", "Import not valid",
                        "submissions[" + i + "].instanceId");
            }
        }
    }

    private List<Checked> check(Handle h, FieldsafePrincipal principal, Study study, SubmissionImport.Request r) {
        Set<String> categories = study.categories().stream().map(Category::id).collect(Collectors.toSet());
        Set<String> sites = study.sites().stream().map(org.fieldsafe.core.forms.Site::id).collect(Collectors.toSet());
        Map<String, String> fingerprints = StudyKeyService.fingerprints(h, study.id());
        List<Checked> out = new ArrayList<>();
        for (int i = 0; i < r.submissions().size(); i++) {
            SubmissionImport.Item item = r.submissions().get(i);
            String field = "submissions[" + i + "].envelope";
            try {
                EnvelopeParser.Parsed parsed = parser.parse(bytes(item.envelope()));
                Envelope envelope = parsed.envelope();
                SubmissionHeader header = envelope.header();
                HeaderValidator.checkShape(header == null ? null : header.submissionId(), header);
                HeaderValidator.require(r.formId().equals(header.form().id()), "header.form");
                HeaderValidator.require(sites.contains(header.site()), "header.site");
                HeaderValidator.require(header.triage() == null, "header.triage");
                HeaderValidator.require(envelope.attachments() == null, "attachments");
                FormVersionRow form = forms.find(h, study.id(), header.form().id(), header.form().version())
                        .orElse(null);
                FormVersionRow consent = forms.find(h, study.id(), header.consentForm().id(),
                        header.consentForm().version()).orElse(null);
                String requiredConsent = form == null || !"interview".equals(form.kind()) ? null
                        : FormDefinition.fromCanonicalJson(form.canonicalJson().getBytes(StandardCharsets.UTF_8))
                                .consentForm();
                Expected expected = new Expected(study.id(), header.site(), SubmissionImport.DEVICE_ID,
                        principal.name(), categories, study.languages().keySet(), form, requiredConsent, consent,
                        fingerprints);
                HeaderValidator.checkAgainst(header, expected);
                PartsValidator.check(envelope, fingerprints);
                out.add(new Checked(item.instanceId(), toSubmission(parsed, deviceId(study.id(), header.site(),
                        principal.name()))));
            } catch (DomainException e) {
                throw ProblemException.unprocessable("import-invalid", "Import not valid",
                        field + ": " + e.detail());
            }
        }
        return out;
    }

    private byte[] bytes(Envelope envelope) {
        if (envelope == null) {
            throw ProblemException.invalid("An item has no envelope.");
        }
        try {
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("An envelope could not be read.");
        }
    }

    private SubmissionImport.Result store(Handle h, FieldsafePrincipal principal, Study study,
                                          SubmissionImport.Request r, List<Checked> checked) {
        Instant now = clock.instant();
        Set<String> already = new HashSet<>(importedAlready(h, study.id(), r.formId(),
                checked.stream().map(Checked::instanceId).toList()));
        ImportDao dao = h.attach(ImportDao.class);
        List<Checked> fresh = checked.stream().filter(c -> !already.contains(c.instanceId())).toList();
        fresh.stream().map(c -> c.submission().site()).distinct()
                .forEach(site -> ensureDevice(dao, study.id(), site, principal.name(), now));
        List<SubmissionStore.Upload> uploads = fresh.stream()
                .map(c -> new SubmissionStore.Upload(c.submission(), principal.actor(), null)).toList();
        List<Stored> stored = store.storeAll(h, uploads, now);
        int imported = 0;
        int withdrawn = 0;
        for (int i = 0; i < fresh.size(); i++) {
            Stored outcome = stored.get(i);
            if (outcome instanceof Stored.Created) {
                Checked c = fresh.get(i);
                dao.insert(c.submission().id(), study.id(), r.formId(), r.source(), c.instanceId(), principal.name(),
                        now);
                imported++;
            } else if (outcome instanceof Stored.Withdrawn) {
                withdrawn++;
            } else {
                throw SubmissionProblems.conflict();
            }
        }
        audit.append(h, principal.actor(), "submissions.imported", "study:" + study.id() + " form:" + r.formId()
                + " source:" + r.source() + " imported:" + imported + " already:" + already.size()
                + " withdrawn:" + withdrawn);
        return result(study, r, imported, already.size(), withdrawn);
    }

    private static SubmissionImport.Result result(Study study, SubmissionImport.Request r, int imported, int already,
                                                  int withdrawn) {
        return new SubmissionImport.Result(study.id(), r.formId(), r.source(), r.dryRun(), r.submissions().size(),
                imported, already, withdrawn);
    }

    private static List<String> importedAlready(Handle h, String studyId, String formId, List<String> instanceIds) {
        return h.attach(ImportDao.class).importedAlready(studyId, formId, instanceIds);
    }

    /**
     * The placeholder device an importer's submissions of a site are stored under (submissions name a device):
     * revoked from the start, its token and enrolment code hashes no value a SHA-256 can have.
     */
    static String deviceId(String studyId, String site, String user) {
        return "imported-" + Digests.sha256Hex((studyId + "\n" + site + "\n" + user)
                .getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    private static void ensureDevice(ImportDao dao, String studyId, String site, String user, Instant now) {
        String id = deviceId(studyId, site, user);
        if (dao.deviceExists(id) > 0) {
            return;
        }
        String enrolment = "enrolment-" + id;
        dao.insertSpentEnrolment(enrolment, "none:" + enrolment, studyId, site, user, now, id);
        dao.insertRevokedDevice(id, "none:" + id, "imports by " + user, studyId, site, user, enrolment, now);
    }

    private static NewSubmission toSubmission(EnvelopeParser.Parsed parsed, String deviceId) {
        SubmissionHeader h = parsed.envelope().header();
        return new NewSubmission(h.submissionId(), parsed.sha256(), parsed.bytes(), h.study(), h.site(),
                h.form().id(), h.form().version(), h.respondents().get(0).category(), deviceId,
                Instant.parse(h.finalisedAt()), null, null, null, false,
                h.respondents().stream().map(SubmissionHeader.RespondentAssertion::codeHash).toList());
    }
}
