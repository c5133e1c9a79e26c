package org.fieldsafe.client.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Placeholders;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.xform.XFormOptions;
import org.fieldsafe.core.forms.xform.XFormWriter;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.core.services.locale.Localizer;
import org.junit.jupiter.api.Test;

/**
 * Every XForm Fieldsafe writes loads in JavaRosa (ODK Collect's engine), and shows each text in each language of
 * the study (the master language's where a translation lacks it).
 */
class XFormJavaRosaTest {

    @Test
    void write_everyFormOfEveryStudy_loadsInJavaRosaWithEveryLanguage() throws Exception {
        int checked = 0;
        for (StudyBundle bundle : XFormStudies.all()) {
            for (FormDefinition form : bundle.forms()) {
                XFormOptions options = XFormOptions.forStudy(bundle, form);
                FormDef def = JavaRosaForms.load(XFormWriter.write(form, options));
                Localizer localizer = def.getLocalizer();
                Placeholders placeholders = Placeholders.of(bundle.study());
                for (String lang : bundle.study().languages().keySet()) {
                    String locale = bundle.study().languages().get(lang) + " (" + lang + ")";
                    assertThat(localizer.getAvailableLocales()).as(form.id()).contains(locale);
                    for (FormDefinition shown : options.consentForm() == null ? new FormDefinition[]{form}
                            : new FormDefinition[]{options.consentForm(), form}) {
                        String group = "/data/" + shown.id();
                        assertThat(localizer.getText(group + ":label", locale))
                                .isEqualTo(placeholders.fill(text(shown.title(), lang, shown)));
                        for (Question q : shown.questions()) {
                            assertThat(localizer.getText(group + "/" + q.id() + ":label", locale))
                                    .as("%s %s %s", bundle.study().id(), q.id(), lang)
                                    .isEqualTo(placeholders.fill(text(q.label(), lang, shown)));
                            for (Choice c : q.choices()) {
                                assertThat(localizer.getText(group + "/" + q.id() + "/" + c.id() + ":label", locale))
                                        .isEqualTo(text(c.label(), lang, shown));
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void write_withSubmission_javaRosaReadsTheRsaKeyAndPreloadsAnInstanceId() throws Exception {
        StudyBundle bundle = ReferenceForms.bundle();
        FormDefinition interview = ReferenceForms.interview();
        byte[] xml = XFormWriter.write(interview, XFormOptions.forStudy(bundle, interview)
                .withFormId("beyond-awareness.interview").withVersion("7")
                .withSubmission("https://fieldsafe.example/openrosa/submission", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A"));
        FormDef def = JavaRosaForms.load(xml);

        assertThat(def.getSubmissionProfile().getAttribute("base64RsaPublicKey"))
                .isEqualTo("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A");
        assertThat(def.getSubmissionProfile().getAction()).isEqualTo("https://fieldsafe.example/openrosa/submission");
        TreeElement root = def.getMainInstance().getRoot();
        assertThat(root.getAttributeValue(null, "id")).isEqualTo("beyond-awareness.interview");
        assertThat(root.getAttributeValue(null, "version")).isEqualTo("7");
        TreeElement instanceId = root.getChild("meta", 0).getChild("instanceID", 0);
        assertThat(instanceId.getValue().getDisplayText()).startsWith("uuid:");
        assertThat(root.getChild("consent", 0)).isNotNull();
        assertThat(new String(xml, StandardCharsets.UTF_8).indexOf("<consent>"))
                .isLessThan(new String(xml, StandardCharsets.UTF_8).indexOf("<interview>"));
    }

    @Test
    void write_interviewWithoutItsConsentForm_isRefused() {
        FormDefinition interview = ReferenceForms.interview();
        XFormOptions noConsent = new XFormOptions(ReferenceForms.bundle().study(), null, null, null, null, null, null);

        assertThatThrownBy(() -> XFormWriter.write(interview, noConsent))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consent form 'consent'");
    }

    private static String text(Map<String, String> text, String lang, FormDefinition form) {
        return text.getOrDefault(lang, text.get(form.masterLanguage()));
    }
}
