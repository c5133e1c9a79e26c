package org.fieldsafe.server.cli.xlsform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fieldsafe.core.forms.DisclosureRule;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.FormsFixtures;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.forms.TranslationState;
import org.fieldsafe.core.forms.Urgency;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XLSForms of {@code fixtures/xlsform} (written by {@link XlsFormFixtures}) into the server's test study. */
class XlsFormImportTest {
    private static final Path TEST_STUDY = Path.of("src", "test", "resources", "fixtures", "forms", "test-study");

    @TempDir
    Path tmp;

    private Path study;
    private StudyBundle bundle;

    @BeforeEach
    void copyStudy() throws Exception {
        study = tmp.resolve("test-study");
        FormsFixtures.copy(TEST_STUDY, study);
        bundle = StudyLoader.load(study);
    }

    private XlsFormImport.Plan plan(String fixture) throws IOException, XlsFormException {
        try (InputStream in = Files.newInputStream(XlsFormFixtures.DIR.resolve(fixture))) {
            return XlsFormImport.plan(in, bundle, study);
        }
    }

    private List<String> problems(String fixture) throws IOException {
        try {
            plan(fixture);
        } catch (XlsFormException e) {
            return e.problems().stream().map(XlsFormProblem::toString).toList();
        }
        throw new AssertionError("no problems in " + fixture);
    }

    @Test
    void plan_allColumnsAndTypes_mapOntoTheForm() throws Exception {
        XlsFormImport.Plan plan = plan("all-columns.xlsx");
        FormDefinition form = plan.form();
        assertThat(plan.replaced()).isFalse();
        assertThat(form.id()).isEqualTo("household");
        assertThat(form.kind()).isEqualTo(FormKind.INTERVIEW);
        assertThat(form.consentForm()).isEqualTo("consent");
        assertThat(form.title()).containsEntry("en", "Household interview").containsEntry("km", "ការសម្ភាសន៍គ្រួសារ");
        assertThat(form.questions()).extracting(Question::id).containsExactly("intro", "interview_date", "age",
                "phone", "income", "services", "harmed", "story", "recording");
        assertThat(form.questions()).extracting(Question::type).containsExactly(QuestionType.NOTE,
                QuestionType.DATE, QuestionType.INTEGER, QuestionType.SHORT_TEXT, QuestionType.DECIMAL,
                QuestionType.SELECT_MULTIPLE, QuestionType.SELECT_ONE, QuestionType.TEXT, QuestionType.AUDIO);

        Question intro = question(form, "intro");
        assertThat(intro.label()).containsEntry("en", "Thank you for your time.").containsEntry("km", "អរគុណ")
                .containsEntry("bn", "ধন্যবাদ");
        assertThat(intro.hint()).containsEntry("en", "Read out slowly.").containsEntry("km", "អានយឺតៗ");
        Question date = question(form, "interview_date");
        assertThat(date.required()).isTrue();
        assertThat(date.constraint()).isEqualTo(". <= today()");
        assertThat(date.constraintMessage()).containsEntry("en", "Not in the future.")
                .containsEntry("km", "មិនមែនថ្ងៃអនាគត");
        Question age = question(form, "age");
        assertThat(age.required()).isTrue();
        assertThat(age.sensitivity()).isEqualTo(Sensitivity.QUASI_IDENTIFIER);
        assertThat(question(form, "phone").sensitivity()).isEqualTo(Sensitivity.DIRECT_IDENTIFIER);
        assertThat(question(form, "phone").constraint()).isEqualTo("regex(., '^[0-9 +]+$')");
        // the group is flattened: its relevant joins each of its questions' own
        assertThat(question(form, "income").relevant()).isEqualTo("(${age} >= 18) and (${age} < 65)");
        assertThat(question(form, "services").relevant()).isEqualTo("${age} >= 18");
        assertThat(question(form, "services").choices()).extracting(c -> c.id())
                .containsExactly("shelter", "health", "legal");
        Question harmed = question(form, "harmed");
        assertThat(harmed.choices()).hasSize(2);
        assertThat(harmed.choices().get(0).label()).containsEntry("en", "Yes").containsEntry("km", "បាទ/ចាស");
        assertThat(harmed.sensitivity()).isEqualTo(Sensitivity.SENSITIVE);
        assertThat(harmed.disclosure()).isEqualTo(new DisclosureRule("${harmed} = 'yes'", "current_risk",
                Urgency.IMMEDIATE));
        Question story = question(form, "story");
        assertThat(story.probes()).extracting(p -> p.id()).containsExactly("feelings", "who_helped");
        assertThat(story.probes().get(0).text()).containsEntry("km", "តើអ្នកមានអារម្មណ៍យ៉ាងណា?");
        assertThat(question(form, "recording").relevant()).isEqualTo("if(${harmed} = 'yes', true, false)");
        assertThat(form.languages()).containsEntry("en", TranslationState.COMPLETE)
                .containsEntry("km", TranslationState.DRAFT).containsEntry("bn", TranslationState.DRAFT);
        assertThat(plan.notes()).singleElement().asString().contains("survey row 6").contains("label");
    }

    @Test
    void plan_allColumns_writesAFormFileAndOverlaysTheStudyLoadsWithTheSameHash() throws Exception {
        XlsFormImport.Plan plan = plan("all-columns.xlsx");
        assertThat(plan.files()).containsOnlyKeys(study.resolve("household.yaml"),
                study.resolve("translations").resolve("km.yaml"), study.resolve("translations").resolve("bn.yaml"));
        String before = bundle.form("consent").orElseThrow().sha256();
        for (var e : plan.files().entrySet()) {
            Files.writeString(e.getKey(), e.getValue());
        }
        StudyBundle after = StudyLoader.load(study);
        assertThat(after.form("household").orElseThrow().sha256()).isEqualTo(plan.form().sha256());
        assertThat(after.form("consent").orElseThrow().sha256()).isEqualTo(before);
        assertThat(Files.readString(study.resolve("household.yaml"))).doesNotContain("km:");
    }

    @Test
    void plan_plainOdkForm_takesUnlabelledColumnsAsTheMasterLanguage() throws Exception {
        FormDefinition form = plan("plain-odk.xlsx").form();
        assertThat(form.kind()).isEqualTo(FormKind.CONSENT);
        assertThat(form.title()).isEqualTo(java.util.Map.of("en", "Screening"));
        Question agree = question(form, "agree");
        assertThat(agree.required()).isTrue();
        assertThat(agree.hint()).containsEntry("en", "Ask after reading the information.");
        assertThat(agree.choices()).extracting(c -> c.id()).containsExactly("yes", "no");
        assertThat(question(form, "household_size").constraint()).isEqualTo(". > 0 and . < 50");
        assertThat(form.languages()).containsEntry("km", TranslationState.MISSING)
                .containsEntry("bn", TranslationState.MISSING);
    }

    @Test
    void plan_unsupportedFeatures_namesEverySheetRowAndColumnAtOnce() throws Exception {
        assertThat(problems("unsupported.xlsx")).containsExactly(
                "external_choices: the sheet is not supported by Fieldsafe forms; remove it",
                "survey row 1, column label::French (fr): language `French (fr)` is not one of the study's"
                        + " languages (English (en), Khmer (km), Bengali (bn))",
                "survey row 2, column name: `Respondent` is not a Fieldsafe question id (lower-case letters, digits"
                        + " and _, starting with a letter)",
                "survey row 3, column type: `geopoint` is not supported",
                "survey row 4, column type: `begin repeat` is not supported: Fieldsafe forms have no repeats (a"
                        + " joint interview holds a second respondent instead)",
                "survey row 6, column type: `end repeat` is not supported: Fieldsafe forms have no repeats (a joint"
                        + " interview holds a second respondent instead)",
                "survey row 7, column calculation: is not supported: a Fieldsafe form keeps only the answers given",
                "survey row 7, column type: `calculate` is not supported",
                "survey row 8, column type: `start` is not supported (Fieldsafe records the interview's time and"
                        + " device in its own sealed header; remove the row)",
                "survey row 9, column type: `or_other` is not supported: add an `other` choice and a text question"
                        + " relevant when it is selected",
                "survey row 10, column type: `select_one_from_file villages.csv` is not supported",
                "survey row 11, column choice_filter: is not supported: a Fieldsafe question offers the same"
                        + " choices to every respondent",
                "survey row 12, column required: `${district} != ''` is not supported: Fieldsafe's required is yes"
                        + " or no, not an expression",
                "survey row 13, column relevant: `jr:choice-name(${district}, '${district}')` cannot be expressed"
                        + " in Fieldsafe's expression language: unexpected character ':' at column 3 (docs/forms.md"
                        + " lists its operators and functions)",
                "survey row 14, column constraint: `${nothing}` names no question of this form",
                "survey row 15, column default: is not supported: every answer is given in the interview, none is"
                        + " filled in beforehand",
                "survey row 16, column appearance: `minimal` is not supported (Fieldsafe devices choose how a"
                        + " question is shown)",
                "survey row 17, column name: `age` is the name of an earlier question too",
                "survey row 18, column name: a question needs a name",
                "survey row 19, column label::English (en): a question needs a label in the master language",
                "choices row 4, column image: is not supported: Fieldsafe choices have an id and a label (no media,"
                        + " no filter values)",
                "choices row 5, column name: `yes` is in list `yes_no` twice",
                "settings row 2, column public_key: is not supported by Fieldsafe forms (settings columns: form_id,"
                        + " kind, consent_form, form_title::Language (code), translation_state::Language (code);"
                        + " version and default_language are ignored)",
                "settings row 2, column form_id: `Unsupported` is not a Fieldsafe form id (lower-case letters,"
                        + " digits and _, starting with a letter)",
                "settings row 2, column kind: `survey` is not one of consent, interview");
    }

    @Test
    void plan_studyThatWouldNotValidate_namesTheRow() throws Exception {
        // a consent_form that is not a consent form of the study: only the whole study's validation sees it
        XSSFWorkbook w = XlsFormFixtures.plainOdk();
        w.getSheet("settings").getRow(0).createCell(3).setCellValue("consent_form");
        w.getSheet("settings").getRow(1).getCell(2).setCellValue("interview");
        w.getSheet("settings").getRow(1).createCell(3).setCellValue("nonexistent");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        w.write(out);
        assertThatThrownBy(() -> XlsFormImport.plan(new java.io.ByteArrayInputStream(out.toByteArray()), bundle,
                study)).isInstanceOf(XlsFormException.class).satisfies(e -> assertThat(((XlsFormException) e)
                .problems()).map(XlsFormProblem::toString)
                .containsExactly("settings row 2, column consent_form: no form 'nonexistent' in this study"));
    }

    @Test
    void plan_notAWorkbook_isOneProblem() {
        assertThatThrownBy(() -> XlsFormImport.plan(new java.io.ByteArrayInputStream("type,name\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), bundle, study)).isInstanceOf(XlsFormException.class)
                .satisfies(e -> assertThat(((XlsFormException) e).problems()).singleElement().asString()
                        .startsWith("file: cannot be read as an .xlsx workbook"));
    }

    private static Question question(FormDefinition form, String id) {
        return form.question(id).orElseThrow();
    }
}
