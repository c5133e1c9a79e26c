package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalJsonTest {
    private static final Path VALID = StudyLoaderTest.VALID;

    @TempDir
    Path tmp;

    private String interviewHash(String file, UnaryOperator<String> edit) throws Exception {
        Path dir = tmp.resolve("s" + System.nanoTime());
        FormsFixtures.copy(VALID, dir);
        Path f = dir.resolve(file);
        Files.writeString(f, edit.apply(Files.readString(f)));
        return StudyLoader.load(dir).form("interview").orElseThrow().sha256();
    }

    @Test
    void canonicalJson_isSortedCompactUtf8() throws Exception {
        FormDefinition f = StudyLoader.load(VALID).form("consent").orElseThrow();
        String json = new String(f.canonicalJson(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\n").doesNotContain(": ").doesNotContain(", ");
        assertThat(json).startsWith("{\"consent_form\":null,\"id\":\"consent\",\"kind\":\"consent\",\"languages\":"
                + "{\"bn\":\"complete\",\"en\":\"complete\",\"km\":\"missing\"},\"master_language\":\"en\"");
        assertThat(json).contains("\"required\":true,\"sensitivity\":\"none\"");
        assertThat(json).contains("\"hint\":null").contains("\"probes\":[]")
                .contains("\"label\":{\"bn\":\"হ্যাঁ\",\"en\":\"Yes\"}");
        assertThat(f.sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void fromCanonicalJson_roundTripsToIdenticalBytes() throws Exception {
        StudyBundle b = StudyLoader.load(VALID);
        for (FormDefinition f : b.forms()) {
            FormDefinition back = FormDefinition.fromCanonicalJson(f.canonicalJson());
            assertThat(back.canonicalJson()).isEqualTo(f.canonicalJson());
            assertThat(back.sha256()).isEqualTo(f.sha256());
            assertThat(back).isEqualTo(f);
        }
        Study back = Study.fromCanonicalJson(b.study().canonicalJson());
        assertThat(back.canonicalJson()).isEqualTo(b.study().canonicalJson());
        assertThat(back.sha256()).isEqualTo(b.study().sha256());
        assertThat(new String(b.study().canonicalJson(), StandardCharsets.UTF_8))
                .contains("\"referral_sla\":{\"immediate\":\"PT2H\",\"routine\":\"PT72H\",\"urgent\":\"PT24H\"}")
                .contains("\"confirmed_on\":\"2026-01-15\"");
        ReferralDirectory dir = b.study().site("KH-SVR").orElseThrow().directory();
        assertThat(ReferralDirectory.fromCanonicalJson(dir.canonicalJson()).sha256()).isEqualTo(dir.sha256());
    }

    @Test
    void sha256_sameFilesSameHash() throws Exception {
        assertThat(interviewHash("interview.yaml", s -> s))
                .isEqualTo(StudyLoader.load(VALID).form("interview").orElseThrow().sha256());
    }

    @Test
    void sha256_reorderedKeysAndNonNfcTextKeepTheHash() throws Exception {
        String base = interviewHash("interview.yaml", s -> s);
        String reordered = interviewHash("interview.yaml", s -> s
                .replace("    type: integer\n    label: {en: \"How old are you?\"}\n",
                        "    label: {en: \"How old are you?\"}\n    type: integer\n")
                .replace("id: interview\nkind: interview\n", "kind: interview\nid: interview\n"));
        assertThat(reordered).isEqualTo(base);
        String decomposed = "e\u0301";
        String composed = "\u00e9";
        String a = interviewHash("interview.yaml", s -> s.replace("Ask gently", "Ask " + composed));
        String b = interviewHash("interview.yaml", s -> s.replace("Ask gently", "Ask " + decomposed));
        assertThat(a).isEqualTo(b).isNotEqualTo(base);
        String explicitDefault = interviewHash("interview.yaml", s -> s.replace(
                "    type: short_text\n", "    type: short_text\n    required: false\n"));
        assertThat(explicitDefault).isEqualTo(base);
    }

    @Test
    void sha256_semanticChangesChangeTheHash() throws Exception {
        String base = interviewHash("interview.yaml", s -> s);
        assertThat(interviewHash("interview.yaml", s -> s.replace("How old are you?", "How old are you now?")))
                .isNotEqualTo(base);
        assertThat(interviewHash("translations/bn.yaml", s -> s.replace("আপনার বয়স কত?", "বয়স?")))
                .isNotEqualTo(base);
        assertThat(interviewHash("interview.yaml", s -> s.replace("${age} < 18\"", "${age} < 16\"")))
                .isNotEqualTo(base);
        assertThat(interviewHash("interview.yaml", s -> s.replace(
                "      - {id: health, label: {en: \"Health\"}}\n      - {id: legal, label: {en: \"Legal aid\"}}\n",
                "      - {id: legal, label: {en: \"Legal aid\"}}\n      - {id: health, label: {en: \"Health\"}}\n")))
                .isNotEqualTo(base);
        assertThat(interviewHash("interview.yaml", s -> s.replace("urgency: urgent", "urgency: immediate")))
                .isNotEqualTo(base);
        assertThat(interviewHash("interview.yaml", s -> s.replace(", km: \"សម្ភាសន៍\"", "")))
                .isNotEqualTo(base);
    }

    @Test
    void sha256_questionOrderChangesTheHash() throws Exception {
        String base = interviewHash("interview.yaml", s -> s);
        String swapped = interviewHash("interview.yaml", s -> {
            int a = s.indexOf("  - id: name");
            int b = s.indexOf("  - id: age");
            int c = s.indexOf("  - id: guardian");
            return s.substring(0, a) + s.substring(b, c) + s.substring(a, b) + s.substring(c);
        });
        assertThat(swapped).isNotEqualTo(base);
    }
}
