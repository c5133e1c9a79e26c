package org.fieldsafe.server.cli.imports;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.redact.Redactor;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.Me;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionImport;
import org.fieldsafe.server.cli.ApiClient;
import org.fieldsafe.server.cli.CliException;
import org.fieldsafe.server.cli.xlsform.SurveyFields;
import org.fieldsafe.server.cli.xlsform.XlsFormException;

/**
 * {@code admin submissions import-odk}: an earlier wave's ODK Central or KoboToolbox export brought into a study.
 * Reads the export and the XLSForm, fetches what sealing needs from the API (the study and its respondent-code key,
 * the published form versions, the public keys), maps every row (all problems at once; nothing is sent while there
 * is any), seals each consented row on this machine, then sends the envelopes: first every batch as a dry run, so the
 * server checks all of them before it stores any, then (unless {@code dryRun}) for real.
 */
public final class OdkImport {
    /** Envelopes per request, well under the server's request size limit. */
    static final int BATCH = 100;

    /** What the command was asked. */
    public record Request(Path export, Path xlsForm, String study, String form, String site, String language,
                          boolean dryRun) {
    }

    /**
     * What it came to: rows read, left out for want of consent, the server's totals, and the free-text redactions
     * made per kind (counts only).
     */
    public record Summary(String source, int rows, int notConsented, int imported, int alreadyImported,
                          int withdrawn, boolean dryRun, Map<Redactor.Kind, Integer> redactions) {
    }

    private final ApiClient api;

    public OdkImport(ApiClient api) {
        this.api = api;
    }

    public Summary run(Request r) throws ImportProblems {
        ExportArchive.Read export = ExportArchive.read(r.export());
        SurveyFields survey = survey(r.xlsForm());
        SubmissionImport.Context context = api.get("/studies/" + r.study() + "/imports/context",
                type(SubmissionImport.Context.class));
        Study study = Study.fromCanonicalJson(context.studyDefinition().getBytes(StandardCharsets.UTF_8));
        if (r.site() != null && study.site(r.site()).isEmpty()) {
            throw new CliException("--site " + r.site() + " is not a site of study " + study.id());
        }
        String language = r.language() == null ? study.masterLanguage() : r.language();
        if (!study.languages().containsKey(language)) {
            throw new CliException("--lang " + language + " is not a language of study " + study.id());
        }
        List<FormVersionInfo> versions = api.get("/studies/" + study.id() + "/forms",
                api.json().getTypeFactory().constructCollectionType(List.class, FormVersionInfo.class));
        FormVersionInfo interview = published(versions, r.form());
        FormDefinition interviewForm = definition(study.id(), interview);
        if (interviewForm.consentForm() == null) {
            throw new CliException("Form " + r.form() + " is not an interview form (it names no consent form)");
        }
        FormVersionInfo consent = published(versions, interviewForm.consentForm());
        FormDefinition consentForm = definition(study.id(), consent);
        List<RowMapping.Mapped> rows = new RowMapping(export, r.xlsForm().getFileName().toString(), survey,
                consentForm, interviewForm).map();
        Me me = api.get("/auth/me", type(Me.class));
        ImportSealer.Inputs inputs = new ImportSealer.Inputs(study,
                Base64.getDecoder().decode(context.respondentCodeKey()), context.deviceId(), me.username(),
                ref(interview), interviewForm, ref(consent), consentForm, recipients(study.id()), r.site(), language);
        ImportSealer.Sealed sealed = ImportSealer.seal(export.main().file(), rows, inputs);
        String source = export.kind().source;
        int[] totals = send(study.id(), r.form(), source, sealed.items(), true);
        if (!r.dryRun()) {
            totals = send(study.id(), r.form(), source, sealed.items(), false);
        }
        return new Summary(source, rows.size(), sealed.notConsented(), totals[0], totals[1], totals[2], r.dryRun(),
                sealed.redactions());
    }

    private static SurveyFields survey(Path xlsForm) throws ImportProblems {
        try (InputStream in = Files.newInputStream(xlsForm)) {
            return SurveyFields.read(in);
        } catch (XlsFormException e) {
            List<String> problems = new ArrayList<>();
            e.problems().forEach(p -> problems.add(xlsForm.getFileName() + " " + p));
            throw new ImportProblems(problems);
        } catch (IOException e) {
            throw new ImportProblems(List.of(xlsForm.getFileName() + ": cannot be read"));
        }
    }

    /** Imported, already imported and withdrawn, summed over the batches. */
    private int[] send(String study, String form, String source, List<SubmissionImport.Item> items, boolean dryRun) {
        int[] totals = new int[3];
        for (int from = 0; from < items.size(); from += BATCH) {
            List<SubmissionImport.Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            SubmissionImport.Result result = api.post("/studies/" + study + "/imports",
                    new SubmissionImport.Request(source, form, dryRun, batch), SubmissionImport.Result.class);
            totals[0] += result.imported();
            totals[1] += result.alreadyImported();
            totals[2] += result.withdrawn();
        }
        return totals;
    }

    private JavaType type(Class<?> type) {
        return api.json().constructType(type);
    }

    private static FormVersionInfo published(List<FormVersionInfo> versions, String form) {
        return versions.stream().filter(v -> v.formId().equals(form) && "published".equals(v.state()))
                .max(Comparator.comparingInt(FormVersionInfo::version))
                .orElseThrow(() -> new CliException("The study has no published version of form " + form));
    }

    private FormDefinition definition(String study, FormVersionInfo v) {
        try (InputStream in = api.stream("/studies/" + study + "/forms/" + v.formId() + "/versions/" + v.version())) {
            return FormDefinition.fromCanonicalJson(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SubmissionHeader.FormRef ref(FormVersionInfo v) {
        return new SubmissionHeader.FormRef(v.formId(), v.version(), v.sha256());
    }

    /** The study's public keys by purpose, each checked against its fingerprint. */
    private Map<String, List<RecipientKey>> recipients(String study) {
        List<Manifest.StudyKey> keys = api.get("/studies/" + study + "/keys",
                api.json().getTypeFactory().constructCollectionType(List.class, Manifest.StudyKey.class));
        Map<String, List<RecipientKey>> out = new HashMap<>();
        for (Manifest.StudyKey k : keys) {
            RecipientKey key = new RecipientKey(k.fingerprint(), Base64.getDecoder().decode(k.publicKey()));
            if (!key.isConsistent()) {
                throw new CliException("The study's " + k.purpose() + " key does not match its fingerprint");
            }
            out.computeIfAbsent(k.purpose(), p -> new ArrayList<>()).add(key);
        }
        if (!out.containsKey("research")) {
            throw new CliException("Study " + study + " has no research key (admin keys init)");
        }
        return out;
    }
}
