package org.fieldsafe.server.openrosa;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.xform.XFormOptions;
import org.fieldsafe.core.forms.xform.XFormWriter;
import org.fieldsafe.server.directory.DirectoryEditor;
import org.fieldsafe.server.keys.OdkKeys;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.StudyStore;

/**
 * The forms an ODK device gets (OpenRosa form list API): each latest published interview form of its study as an
 * XForm (its consent form as the first group) for the device's site, always encrypted to the study's ODK key, and
 * as media the site's referral directory as {@value #DIRECTORY_CSV}. No ODK key, no forms: an unencrypted XForm is
 * never offered for a study.
 */
public final class OpenRosaForms {
    public static final String DIRECTORY_CSV = "directory.csv";
    private final StudyStore studies;
    private final FormStore forms;
    private final OdkKeys odkKeys;
    private final DirectoryEditor directory;

    public OpenRosaForms(StudyStore studies, FormStore forms, OdkKeys odkKeys, DirectoryEditor directory) {
        this.studies = studies;
        this.forms = forms;
        this.odkKeys = odkKeys;
        this.directory = directory;
    }

    /** One offered form: its id, name, version and XForm bytes. */
    public record XForm(String formId, String name, String version, byte[] xml) {
        /** The form list's {@code hash}: {@code md5:} and the MD5 (hex) of the XForm bytes. */
        public String hash() {
            return "md5:" + md5(xml);
        }
    }

    /** One media file of a form's manifest. */
    public record Media(String fileName, byte[] content) {
        public String hash() {
            return "md5:" + md5(content);
        }
    }

    /** The study's interview forms as XForms for a device at {@code site}; none before the study has an ODK key. */
    public List<XForm> list(String studyId, String site) {
        String study = studies.current(studyId).id();
        Optional<String> key = odkKeys.publicKey(study).map(k -> k.publicKey());
        if (key.isEmpty()) {
            return List.of();
        }
        Study definition = Study.fromCanonicalJson(studies.current(study).canonicalJson()
                .getBytes(StandardCharsets.UTF_8));
        Map<String, FormDefinition> latest = new LinkedHashMap<>();
        Map<String, String> shas = new LinkedHashMap<>();
        for (FormVersionRow row : forms.latestPublished(study)) {
            latest.put(row.formId(), FormDefinition.fromCanonicalJson(
                    row.canonicalJson().getBytes(StandardCharsets.UTF_8)));
            shas.put(row.formId(), row.sha256());
        }
        List<XForm> xforms = new ArrayList<>();
        for (FormDefinition form : latest.values()) {
            if (form.kind() != FormKind.INTERVIEW || !latest.containsKey(form.consentForm())) {
                continue;
            }
            // the version changes with the interview form or its consent form: Collect then fetches the new XForm
            String version = FormVersions.xformVersion(shas.get(form.id()), shas.get(form.consentForm()));
            XFormOptions options = new XFormOptions(definition, latest.get(form.consentForm()), null, version, null,
                    key.get(), site);
            byte[] xml = XFormWriter.write(form, options);
            String name = form.title() == null ? form.id()
                    : form.title().getOrDefault(definition.masterLanguage(), form.id());
            xforms.add(new XForm(form.id(), name, version, xml));
        }
        return xforms;
    }

    /** One form of {@link #list}; 404 when the device is not offered it. */
    public XForm form(String studyId, String site, String formId) {
        return list(studyId, site).stream().filter(f -> f.formId().equals(formId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Form"));
    }

    /** The site's referral directory as CSV (id, kind, name in the master language, phone, hours, ...). */
    public Media directoryCsv(String studyId, String site) {
        DirectoryEditor.View view = directory.get(studyId, site);
        CsvSchema schema = CsvSchema.builder().addColumn("id").addColumn("kind").addColumn("name")
                .addColumn("phone").addColumn("hours").addColumn("languages").addColumn("emergency")
                .addColumn("involves_authorities").setUseHeader(true).build();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> service : view.services()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", service.get("id"));
            row.put("kind", service.get("kind"));
            Object name = service.get("name");
            row.put("name", name instanceof Map<?, ?> names && !names.isEmpty() ? names.values().iterator().next()
                    : name);
            row.put("phone", service.get("phone"));
            row.put("hours", service.get("hours"));
            Object languages = service.get("languages");
            row.put("languages", languages instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf)
                    .toList()) : languages);
            row.put("emergency", service.get("emergency"));
            row.put("involves_authorities", service.get("involvesAuthorities"));
            rows.add(row);
        }
        try {
            return new Media(DIRECTORY_CSV, JsonMappers.csv().writer(schema).writeValueAsBytes(rows));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the directory does not write as CSV", e);
        }
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
