package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslationTemplatesTest {
    @TempDir
    Path tmp;

    private FormDefinition interview() throws FormValidationException {
        return StudyLoader.load(StudyLoaderTest.VALID).form("interview").orElseThrow();
    }

    @Test
    void rows_listEveryTextWithMasterAndTranslation() throws Exception {
        var rows = TranslationTemplates.rows(interview(), "bn");
        assertThat(rows).hasSize(11);
        assertThat(rows.get(0)).isEqualTo(new TemplateRow("title", "Interview", "সাক্ষাৎকার"));
        assertThat(rows).contains(new TemplateRow("name.label", "Name", ""),
                new TemplateRow("meaning.probes.how_trafficked", "How did it happen?", ""),
                new TemplateRow("services.choices.legal", "Legal aid", ""));
    }

    @Test
    void toCsv_hasHeaderAndQuotesWhereNeeded() throws Exception {
        String csv = TranslationTemplates.toCsv(interview(), "km");
        assertThat(csv).startsWith("key,master,translation\ntitle,Interview,សម្ភាសន៍\n");
        assertThat(csv).contains("guardian.label,\"Ask for the guardian's consent.\",\n")
                .doesNotContain("guardian.label,Ask");
    }

    @Test
    void csv_roundTripsThroughAnOverlayFile() throws Exception {
        FormDefinition form = interview();
        String csv = TranslationTemplates.toCsv(form, "km");
        Map<String, String> imported = TranslationTemplates.fromCsv(csv.replace("name.label,Name,",
                "name.label,Name,\"ឈ្មោះ, \"\"full\"\"\nline two\""));
        assertThat(imported).containsEntry("title", "សម្ភាសន៍")
                .containsEntry("name.label", "ឈ្មោះ, \"full\"\nline two").hasSize(2);
        TranslationOverlay overlay = TranslationTemplates.importInto(null, "km", "Khmer", "interview", imported);
        StudyBundle b = loadWithOverlay("km", overlay);
        FormDefinition merged = b.form("interview").orElseThrow();
        assertThat(merged.languages()).containsEntry("km", TranslationState.DRAFT);
        assertThat(merged.question("name").orElseThrow().label()).containsEntry("km", "ឈ្មោះ, \"full\"\nline two");
        assertThat(TranslationTemplates.toCsv(merged, "km")).isNotEqualTo(csv);
        assertThat(TranslationTemplates.fromCsv(TranslationTemplates.toCsv(merged, "km"))).isEqualTo(imported);
    }

    @Test
    void xliff_roundTripsThroughAnOverlayFile() throws Exception {
        FormDefinition form = interview();
        String xliff = TranslationTemplates.toXliff(form, "bn");
        assertThat(xliff).contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">")
                .contains("original=\"interview\"").contains("source-language=\"en\"")
                .contains("target-language=\"bn\"")
                .contains("<trans-unit id=\"guardian.label\"")
                .contains("<source>Ask for the guardian's consent.</source>")
                .contains("<target state=\"needs-translation\"></target>");
        TranslationTemplates.XliffTemplate t = TranslationTemplates.fromXliff(xliff.replace(
                "<source>Name</source>\n        <target state=\"needs-translation\"></target>",
                "<source>Name</source>\n        <target>নাম &amp; &lt;ডাকনাম&gt;</target>"));
        assertThat(t.formId()).isEqualTo("interview");
        assertThat(t.sourceLanguage()).isEqualTo("en");
        assertThat(t.targetLanguage()).isEqualTo("bn");
        assertThat(t.translations()).containsEntry("name.label", "নাম & <ডাকনাম>")
                .containsEntry("age.label", "আপনার বয়স কত?").hasSize(3);

        Path bnFile = StudyLoaderTest.VALID.resolve("translations").resolve("bn.yaml");
        TranslationOverlay existing = new TranslationOverlay("bn", "Bengali",
                Map.of("consent", new TranslationOverlay.OverlayForm(TranslationState.COMPLETE,
                        consentTexts(Files.readString(bnFile)))));
        TranslationOverlay overlay = TranslationTemplates.importInto(existing, t.targetLanguage(), "Bengali",
                t.formId(), t.translations());
        StudyBundle b = loadWithOverlay("bn", overlay);
        FormDefinition merged = b.form("interview").orElseThrow();
        assertThat(merged.question("name").orElseThrow().label()).containsEntry("bn", "নাম & <ডাকনাম>");
        assertThat(b.form("consent").orElseThrow().languages()).containsEntry("bn", TranslationState.COMPLETE);
        assertThat(TranslationTemplates.fromXliff(TranslationTemplates.toXliff(merged, "bn")).translations())
                .isEqualTo(t.translations());
    }

    @Test
    void fromCsv_malformedCsvIsAnIOException() {
        assertThatThrownBy(() -> TranslationTemplates.fromCsv("key,master,translation\n\"abc"))
                .isInstanceOf(IOException.class).hasMessageContaining("closing quote");
        assertThatThrownBy(() -> TranslationTemplates.fromCsv("key,master,translation\na,b,c,d\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("Too many entries");
    }

    @Test
    void readCsv_namesTheLineEachKeyStartsOn() throws Exception {
        TranslationTemplates.CsvTemplate t = TranslationTemplates.readCsv(
                "key,master,translation\na,x,\"one\ntwo\"\nb,y,\nc,\"z\nz\",three\nd,w,four\n");
        assertThat(t.lines()).containsExactly(Map.entry("a", 2), Map.entry("b", 4), Map.entry("c", 5),
                Map.entry("d", 7));
        assertThat(t.translations()).containsOnlyKeys("a", "c", "d");
        assertThatThrownBy(() -> TranslationTemplates.readCsv("key,master,translation\na,x,y\n,x,y\n"))
                .isInstanceOfSatisfying(TranslationTemplates.RowException.class,
                        e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void fromXliff_rejectsOtherDocuments() {
        assertThatThrownBy(() -> TranslationTemplates.fromXliff("<xliff version=\"2.0\"/>"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TranslationTemplates.fromXliff("<xliff version=\"1.2\"><file")).isInstanceOf(
                IOException.class);
        assertThatThrownBy(() -> TranslationTemplates.fromXliff(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xliff version=\"1.2\">&e;</xliff>"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownKeys_namesKeysWithoutText() throws Exception {
        assertThat(TranslationTemplates.unknownKeys(interview(), Map.of("title", "x", "age.lable", "y")))
                .containsExactly("age.lable");
    }

    @Test
    void importInto_rejectsAnOverlayOfAnotherLanguage() {
        TranslationOverlay bn = new TranslationOverlay("bn", "Bengali", Map.of());
        assertThatThrownBy(() -> TranslationTemplates.importInto(bn, "km", "Khmer", "interview", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> consentTexts(String yaml) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("title", "সম্মতি");
        texts.put("agree.label", "আপনি কি অংশ নিতে রাজি?");
        texts.put("agree.choices.yes", "হ্যাঁ");
        texts.put("agree.choices.no", "না");
        assertThat(yaml).contains(texts.values());
        return texts;
    }

    private StudyBundle loadWithOverlay(String language, TranslationOverlay overlay) throws Exception {
        Path dir = tmp.resolve("study-" + language);
        FormsFixtures.copy(StudyLoaderTest.VALID, dir);
        String yaml = overlay.toYaml();
        assertThat(yaml).startsWith("language: " + language + "\nname: ");
        Files.writeString(dir.resolve("translations").resolve(language + ".yaml"), yaml);
        return StudyLoader.load(dir);
    }
}
