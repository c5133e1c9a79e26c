package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyLoaderTest {
    static final Path VALID = Path.of("src", "test", "resources", "fixtures", "forms", "valid-study");

    @Test
    void load_validStudy_readsEverything() throws Exception {
        StudyBundle b = StudyLoader.load(VALID);
        Study s = b.study();
        assertThat(s.id()).isEqualTo("test-study");
        assertThat(s.languages()).containsExactly(
                java.util.Map.entry("en", "English"), java.util.Map.entry("bn", "Bengali"),
                java.util.Map.entry("km", "Khmer"));
        assertThat(s.referralSla()).containsEntry(Urgency.URGENT, Duration.ofHours(24));
        assertThat(s.retention().identityDays()).isEqualTo(1825);
        assertThat(s.respondentCode().matches("KH-SVR-RH-007")).isTrue();
        assertThat(s.keyHolders()).containsEntry("identity", List.of("principal_investigator"));
        assertThat(s.lead().role()).isEqualTo("principal_investigator");
        assertThat(s.targets().get(0).counts()).containsEntry("RH", 8).containsEntry("DB", 4);
        Site site = s.site("KH-SVR").orElseThrow();
        DirectoryService helpline = site.directory().service("kh-child-helpline").orElseThrow();
        assertThat(helpline.confirmed()).isFalse();
        assertThat(helpline.phone()).isEqualTo("1280");
        assertThat(helpline.kind()).isEqualTo(ServiceKind.HOTLINE);
        DirectoryService shelter = site.directory().service("kh-shelter").orElseThrow();
        assertThat(shelter.confirmed()).isTrue();
        assertThat(shelter.confirmedOn()).isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(shelter.genderServed()).isEqualTo(GenderServed.WOMEN);
        assertThat(site.directory().sha256()).matches("[0-9a-f]{64}");

        assertThat(b.forms()).extracting(FormDefinition::id).containsExactly("consent", "interview");
        FormDefinition consent = b.form("consent").orElseThrow();
        assertThat(consent.kind()).isEqualTo(FormKind.CONSENT);
        assertThat(consent.consentForm()).isNull();
        Question agree = consent.questions().get(0);
        assertThat(agree.choices()).extracting(Choice::id).containsExactly("yes", "no");
        assertThat(agree.choice("yes").orElseThrow().label()).containsEntry("bn", "হ্যাঁ");
        assertThat(consent.languages()).containsEntry("en", TranslationState.COMPLETE)
                .containsEntry("bn", TranslationState.COMPLETE).containsEntry("km", TranslationState.MISSING);

        FormDefinition interview = b.form("interview").orElseThrow();
        assertThat(interview.consentForm()).isEqualTo("consent");
        assertThat(interview.languages()).containsEntry("bn", TranslationState.DRAFT)
                .containsEntry("km", TranslationState.DRAFT);
        Question age = interview.question("age").orElseThrow();
        assertThat(age.type()).isEqualTo(QuestionType.INTEGER);
        assertThat(age.required()).isTrue();
        assertThat(age.sensitivity()).isEqualTo(Sensitivity.QUASI_IDENTIFIER);
        assertThat(age.label()).containsEntry("bn", "আপনার বয়স কত?");
        assertThat(age.constraint()).isEqualTo(". >= 10 and . <= 110");
        Question meaning = interview.question("meaning").orElseThrow();
        assertThat(meaning.disclosure()).isEqualTo(new DisclosureRule(
                "selected(${services}, 'health') and ${age} < 18", "current_risk", Urgency.URGENT));
        assertThat(meaning.probes()).containsExactly(new Probe("how_trafficked", java.util.Map.of("en",
                "How did it happen?")));
        assertThat(interview.question("name").orElseThrow().sensitivity()).isEqualTo(Sensitivity.DIRECT_IDENTIFIER);
        assertThat(interview.question("services").orElseThrow().sensitivity()).isEqualTo(Sensitivity.NONE);
    }

    @Test
    void coverage_reportsStateAndCounts() throws Exception {
        List<CoverageRow> rows = TranslationCoverage.of(StudyLoader.load(VALID));
        assertThat(rows).contains(
                new CoverageRow("consent", "en", TranslationState.COMPLETE, 4, 4),
                new CoverageRow("consent", "bn", TranslationState.COMPLETE, 4, 4),
                new CoverageRow("consent", "km", TranslationState.MISSING, 0, 4),
                new CoverageRow("interview", "bn", TranslationState.DRAFT, 2, 11),
                new CoverageRow("interview", "km", TranslationState.DRAFT, 1, 11));
        assertThat(rows).hasSize(6);
    }

    @Test
    void loadAll_collectsStudiesAndProblemsOfAll(@TempDir Path root) throws Exception {
        FormsFixtures.copy(VALID, root.resolve("a"));
        assertThat(StudyLoader.loadAll(root)).extracting(bundle -> bundle.study().id()).containsExactly("test-study");
        FormsFixtures.copy(VALID, root.resolve("b"));
        Files.writeString(root.resolve("b").resolve("consent.yaml"), "id: consent\nkind: consent\n");
        assertThatThrownBy(() -> StudyLoader.loadAll(root))
                .isInstanceOfSatisfying(FormValidationException.class, e -> assertThat(e.problems())
                        .extracting(FormProblem::field).containsExactly("title", "questions"));
    }

    @Test
    void parseForm_uploadedFileWithInlineTranslations() throws Exception {
        Study study = StudyLoader.load(VALID).study();
        String yaml = Files.readString(VALID.resolve("interview.yaml"));
        FormDefinition f = StudyLoader.parseForm(yaml, "upload.yaml", study);
        assertThat(f.languages()).containsEntry("en", TranslationState.COMPLETE)
                .containsEntry("km", TranslationState.DRAFT).containsEntry("bn", TranslationState.MISSING);
        assertThatThrownBy(() -> StudyLoader.parseForm(yaml.replace("${age} < 18", "${agee} < 18"), "upload.yaml",
                study)).hasMessageStartingWith(
                "upload.yaml:21: questions[2].relevant: unknown question 'agee' in '${agee} < 18'\n");
    }

    @Test
    void parseForm_yesNoChoiceIdsAreText() throws Exception {
        Study study = StudyLoader.load(VALID).study();
        FormDefinition f = StudyLoader.parseForm(Files.readString(VALID.resolve("consent.yaml")), "c.yaml", study);
        assertThat(f.questions().get(0).choices()).extracting(Choice::id).containsExactly("yes", "no");
    }

    @Test
    void load_beyondAwareness_validates() throws Exception {
        Path dir = Path.of("..", "forms", "beyond-awareness");
        Assumptions.assumeTrue(Files.exists(dir.resolve("study.yaml")), "forms/beyond-awareness not merged yet");
        StudyBundle b = StudyLoader.load(dir);
        assertThat(b.forms()).isNotEmpty();
        assertThat(TranslationCoverage.of(b)).hasSize(b.forms().size() * b.study().languages().size());
        for (FormDefinition f : b.forms()) {
            assertThat(FormDefinition.fromCanonicalJson(f.canonicalJson()).sha256()).isEqualTo(f.sha256());
            assertThat(f.languages()).containsEntry(b.study().masterLanguage(), TranslationState.COMPLETE);
        }
        assertThat(StudyLoader.loadAll(dir.getParent())).extracting(bundle -> bundle.study().id())
                .contains(b.study().id());
    }

    @Test
    void load_publicTitle_perLanguageWithMasterFallbackAndAutoLock() throws Exception {
        Study study = StudyLoader.load(Path.of("..", "forms", "beyond-awareness")).study();
        for (String language : List.of("en", "bn", "km", "hi", "ne", "th")) {
            assertThat(study.publicTitle()).containsKey(language);
        }
        assertThat(study.publicTitleIn("km")).isEqualTo(study.publicTitle().get("km"));
        assertThat(study.publicTitleIn("lhu")).isEqualTo(study.publicTitle().get("en"));
        assertThat(study.publicTitle().values()).allSatisfy(t -> assertThat(t).doesNotContainIgnoringCase("traffick"));
        assertThat(study.autoLockMinutesOrDefault()).isEqualTo(5);
        assertThat(Study.fromCanonicalJson(study.canonicalJson()).publicTitle()).isEqualTo(study.publicTitle());

        Study plain = StudyLoader.load(VALID).study();
        assertThat(plain.publicTitle()).isNull();
        assertThat(plain.publicTitleIn("bn")).isEqualTo("Fieldsafe");
        assertThat(plain.autoLockMinutesOrDefault()).isEqualTo(Study.DEFAULT_AUTO_LOCK_MINUTES);
    }

    @Test
    void load_beyondAwareness_readsAnonymisation() throws Exception {
        Study study = StudyLoader.load(Path.of("..", "forms", "beyond-awareness")).study();
        Anonymisation a = study.anonymisation();
        assertThat(a.quasiIdentifiers()).containsExactly("site", "category", "gender", "age");
        assertThat(a.ageBands()).containsExactly(18, 25, 35, 50, 65);
        assertThat(a.bandLabels()).containsExactly("<18", "18-24", "25-34", "35-49", "50-64", "65+");
        assertThat(a.band(17)).isEqualTo("<18");
        assertThat(a.band(18)).isEqualTo("18-24");
        assertThat(a.band(64)).isEqualTo("50-64");
        assertThat(a.band(65)).isEqualTo("65+");
        assertThat(a.generaliseDate("2018-01-17")).isEqualTo("2018-01");
        assertThat(a.generaliseDate("2018-01-17T10:00:00Z")).isEqualTo("2018-01");
        assertThat(a.generaliseDate("yesterday")).isNull();
        assertThat(Study.fromCanonicalJson(study.canonicalJson()).anonymisation()).isEqualTo(a);
    }

    @Test
    void load_beyondAwareness_readsHierarchies() throws Exception {
        Study study = StudyLoader.load(Path.of("..", "forms", "beyond-awareness")).study();
        Generalisation g = study.anonymisation().generalisation();
        assertThat(g.hierarchies().get("site")).extracting(Generalisation.Level::kind)
                .containsExactly("country", "region", "any");
        assertThat(g.hierarchies().get("age").get(0).bands()).containsExactly(18, 35, 65);
        assertThat(g.hierarchies()).doesNotContainKey("category");
        assertThat(g.regions()).containsEntry("KH", "South-East Asia").containsEntry("NP", "South Asia");
        assertThat(g.maxSuppressedPercent()).isEqualTo(5);
        assertThat(Study.fromCanonicalJson(study.canonicalJson()).anonymisation().generalisation()).isEqualTo(g);
    }

    @Test
    void load_studyWithoutAnonymisation_usesDefault() throws Exception {
        Study study = StudyLoader.load(VALID).study();
        assertThat(study.anonymisation()).isNull();
        assertThat(study.anonymisationOrDefault()).isEqualTo(Anonymisation.DEFAULT);
        assertThat(Anonymisation.DEFAULT.band(40)).isNull();
        assertThat(new Anonymisation(List.of("site"), List.of(), "year").generaliseDate("2018-01-17"))
                .isEqualTo("2018");
    }

    @Test
    void readOverlay_existingFile_returnsFormsWithStateAndTexts() throws Exception {
        StudyBundle b = StudyLoader.load(VALID);
        TranslationOverlay bn = StudyLoader.readOverlay(VALID.resolve("translations").resolve("bn.yaml"), b);
        assertThat(bn.language()).isEqualTo("bn");
        assertThat(bn.name()).isEqualTo("Bengali");
        assertThat(bn.forms()).containsOnlyKeys("consent", "interview");
        assertThat(bn.forms().get("consent").state()).isEqualTo(TranslationState.COMPLETE);
        assertThat(bn.forms().get("interview").state()).isEqualTo(TranslationState.DRAFT);
        assertThat(bn.forms().get("interview").texts()).containsExactly(
                java.util.Map.entry("age.label", "আপনার বয়স কত?"), java.util.Map.entry("title", "সাক্ষাৎকার"));
    }

    @Test
    void readOverlay_invalidFile_reportsProblemsWithFileAndLine(@TempDir Path tmp) throws Exception {
        StudyBundle b = StudyLoader.load(VALID);
        Path km = tmp.resolve("km.yaml");
        Files.writeString(km, "language: km\nname: Khmer\nforms:\n  interview:\n    state: draft\n"
                + "    texts:\n      age.lable: \"x\"\n");
        assertThatThrownBy(() -> StudyLoader.readOverlay(km, b))
                .isInstanceOf(FormValidationException.class)
                .satisfies(e -> assertThat(((FormValidationException) e).problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.file()).isEqualTo(km.toString());
                            assertThat(p.line()).isEqualTo(7);
                            assertThat(p.message()).contains("names no text of form 'interview'");
                        }));
    }

    @Test
    void parseDirectory_jsonOrYamlOnItsOwn_checkedAsInStudyYaml() throws Exception {
        Study study = StudyLoader.load(VALID).study();
        ReferralDirectory d = StudyLoader.parseDirectory("{\"version\": 3, \"services\": [{\"id\": \"clinic\","
                + " \"kind\": \"health\", \"name\": {\"en\": \"Clinic\"}, \"gender_served\": \"any\","
                + " \"cost\": \"free\", \"emergency\": true, \"confirmed\": \"2026-02-01\"}]}", "put", study);
        assertThat(d.version()).isEqualTo(3);
        assertThat(d.service("clinic").orElseThrow().confirmedOn()).hasToString("2026-02-01");
        assertThat(d.service("clinic").orElseThrow().emergency()).isTrue();

        assertThatThrownBy(() -> StudyLoader.parseDirectory("version: 1\nservices:\n  - id: x\n    kind: spa\n"
                + "    name: {xx: Spa}\n    gender_served: any\n    cost: free\n    confirmed: 2026-02-30\n", "put",
                study))
                .isInstanceOf(FormValidationException.class)
                .satisfies(e -> assertThat(((FormValidationException) e).problems()).extracting(FormProblem::field)
                        .contains("services[0].kind", "services[0].name.xx", "services[0].confirmed"));
        assertThatThrownBy(() -> StudyLoader.parseDirectory("{\"version\": 1, \"services\": [], \"extra\": 1}",
                "put", study)).isInstanceOf(FormValidationException.class).hasMessageContaining("extra");
    }

    @Test
    void parseDirectory_policeWithoutInvolvesAuthorities_refused() throws Exception {
        Study study = StudyLoader.load(VALID).study();
        String entry = "{\"version\": 1, \"services\": [{\"id\": \"p\", \"kind\": \"%s\", \"name\": {\"en\": \"P\"},"
                + " \"gender_served\": \"any\", \"cost\": \"free\"%s, \"confirmed\": \"no\"}]}";

        for (String flag : List.of("", ", \"involves_authorities\": false")) {
            assertThatThrownBy(() -> StudyLoader.parseDirectory(entry.formatted("police", flag), "put", study))
                    .isInstanceOf(FormValidationException.class)
                    .satisfies(e -> assertThat(((FormValidationException) e).problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.field()).isEqualTo("services[0].involves_authorities");
                                assertThat(p.message()).contains("police");
                            }));
        }
        assertThatThrownBy(() -> StudyLoader.parseDirectory(entry.formatted("emergency", ""), "put", study))
                .isInstanceOf(FormValidationException.class).hasMessageContaining("involves_authorities");
        assertThat(StudyLoader.parseDirectory(entry.formatted("police", ", \"involves_authorities\": true"), "put",
                study).service("p").orElseThrow().involvesAuthorities()).isTrue();
        assertThat(StudyLoader.parseDirectory(entry.formatted("emergency", ", \"involves_authorities\": false"),
                "put", study).service("p").orElseThrow().involvesAuthorities()).isFalse();
    }

    @Test
    void referralScript_optional_textsInStudyLanguages(@TempDir Path root) throws Exception {
        assertThat(StudyLoader.load(VALID).study().referralScript()).isNull();
        Path dir = root.resolve("s");
        FormsFixtures.copy(VALID, dir);
        Path file = dir.resolve("study.yaml");
        Files.writeString(file, Files.readString(file) + "referral_script: {en: \"You decide.\", bn: \"...\"}\n");
        assertThat(StudyLoader.load(dir).study().referralScript()).containsEntry("en", "You decide.");
        Files.writeString(file, Files.readString(file).replace("bn: \"...\"", "xx: \"...\""));
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("referral_script.xx");
    }

    @Test
    void load_beyondAwareness_readsRedactionLists() throws Exception {
        Study study = StudyLoader.load(Path.of("..", "forms", "beyond-awareness")).study();
        Redaction r = study.redaction();
        assertThat(r.sites()).containsKeys("KH-SVR", "TH-SAN", "BD-DHK", "IN-BHD", "NP-KAN", "NP-RAP", "TH-CNX");
        assertThat(r.allPlaces()).contains("Svay Rieng", "ស្វាយរៀង", "Sannimit", "สันนิมิต", "भदोही", "মিরপুর");
        assertThat(r.allOrganisations()).contains("Thai-Lahu Foundation", "MOSAVY", "MSDHS");
        assertThat(Study.fromCanonicalJson(study.canonicalJson()).redaction()).isEqualTo(r);
        Study plain = StudyLoader.load(VALID).study();
        assertThat(plain.redaction()).isNull();
        assertThat(new String(plain.canonicalJson(), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("redaction");
    }

    @Test
    void redaction_unknownSiteAndOneLetterName_refusedWithPath(@TempDir Path root) throws Exception {
        Path dir = root.resolve("s");
        FormsFixtures.copy(VALID, dir);
        Path file = dir.resolve("study.yaml");
        String base = Files.readString(file);
        Files.writeString(file, base + "redaction: {places: [Phum Thmey], organisations: [X], "
                + "sites: {ZZ-ZZZ: {places: [Svay]}}}\n");
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("redaction.organisations[0]").hasMessageContaining("redaction.sites.ZZ-ZZZ");
        Files.writeString(file, base + "redaction: {places: [Phum Thmey], colour: red}\n");
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("redaction.colour");
        Files.writeString(file, base + "redaction: {places: [Phum Thmey]}\n");
        assertThat(StudyLoader.load(dir).study().redaction().allPlaces()).containsExactly("Phum Thmey");
    }

    @Test
    void load_codebook_nestedCodesWithDescriptions() throws Exception {
        Study study = StudyLoader.load(Path.of("..", "forms", "beyond-awareness")).study();
        assertThat(study.codebook()).extracting(CodebookCode::id).containsExactly("false_job_offers",
                "traffickers_close", "purposes", "children", "causes", "prevention", "solutions");
        CodebookCode causes = study.codebook().get(4);
        assertThat(causes.children()).extracting(CodebookCode::id).containsExactly("poverty", "lack_of_awareness",
                "materialism", "weak_law_enforcement");
        assertThat(causes.children().get(0).description().get("en")).contains("all but one");
        assertThat(Study.fromCanonicalJson(study.canonicalJson()).codebook()).isEqualTo(study.codebook());
        assertThat(StudyLoader.load(VALID).study().codebookOrEmpty()).isEmpty();
    }

    @Test
    void load_codebook_duplicateIdsDeepNestingAndMissingLabelRefused(@TempDir Path root) throws Exception {
        Path dir = root.resolve("s");
        FormsFixtures.copy(VALID, dir);
        Path file = dir.resolve("study.yaml");
        String base = Files.readString(file);
        Files.writeString(file, base + "codebook:\n  - {id: causes, label: {en: Causes}, children: [{id: causes,"
                + " label: {en: Again}}]}\n");
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("duplicate code id 'causes'");
        Files.writeString(file, base + "codebook:\n  - {id: a, label: {en: A}, children: [{id: b, label: {en: B},"
                + " children: [{id: c, label: {en: C}, children: [{id: d, label: {en: D}}]}]}]}\n");
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("at most 3 levels");
        Files.writeString(file, base + "codebook:\n  - {id: a}\n");
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("codebook[0].label");
        Files.writeString(file, base + "codebook: []\n");
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("at least one code");
    }

    @Test
    void load_retentionResearchDays_optionalAndAbsentFromCanonicalJsonWhenUnset(@TempDir Path root) throws Exception {
        Study plain = StudyLoader.load(VALID).study();
        assertThat(plain.retention()).isEqualTo(new Retention(1825, null));
        String canonical = new String(plain.canonicalJson(), java.nio.charset.StandardCharsets.UTF_8);
        // the shape from before research_days existed, so the study's hash is unchanged
        assertThat(canonical).contains("\"retention\":{\"identity_days\":1825}").doesNotContain("research_days");
        Path dir = root.resolve("s");
        FormsFixtures.copy(VALID, dir);
        Path file = dir.resolve("study.yaml");
        String base = Files.readString(file);
        Files.writeString(file, base.replace("retention: {identity_days: 1825}",
                "retention: {identity_days: 1825, research_days: 3650}"));
        Study kept = StudyLoader.load(dir).study();
        assertThat(kept.retention()).isEqualTo(new Retention(1825, 3650));
        assertThat(Study.fromCanonicalJson(kept.canonicalJson()).retention()).isEqualTo(kept.retention());
        Files.writeString(file, base.replace("retention: {identity_days: 1825}",
                "retention: {identity_days: 1825, research_days: 30}"));
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("retention.research_days").hasMessageContaining("at least identity_days");
        Files.writeString(file, base.replace("retention: {identity_days: 1825}",
                "retention: {identity_days: 1825, research_days: 0}"));
        assertThatThrownBy(() -> StudyLoader.load(dir)).isInstanceOf(FormValidationException.class)
                .hasMessageContaining("retention.research_days");
    }
}
