package org.fieldsafe.client.interview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fieldsafe.core.json.JsonMappers;
import org.junit.jupiter.api.Test;

class ReferralTextsTest {
    static final Path DIR = Path.of("src", "main", "resources", "org", "fieldsafe", "client", "interview",
            "referral-texts");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+}");

    @Test
    void referralTexts_everyLanguage_keysAndPlaceholdersMatchTheMaster() throws Exception {
        ObjectMapper yaml = JsonMappers.yaml();
        JsonNode master = yaml.readTree(DIR.resolve("en.yaml").toFile()).get("texts");
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> !p.getFileName().toString().equals("en.yaml")).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("km.yaml");
        for (Path file : files) {
            JsonNode doc = yaml.readTree(file.toFile());
            String lang = file.getFileName().toString().replace(".yaml", "");
            assertThat(doc.get("language").asText()).isEqualTo(lang);
            assertThat(doc.get("state").asText()).as(file.toString()).isIn("draft", "complete");
            List<String> keys = new ArrayList<>();
            doc.get("texts").fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                assertThat(master.has(key)).as(file + ": " + key + " names no English text").isTrue();
                assertThat(placeholders(doc.get("texts").get(key).asText())).as(file + ": " + key)
                        .isEqualTo(placeholders(master.get(key).asText()));
            }
        }
    }

    @Test
    void text_languageWithoutAFile_fallsBackToEnglishMarked() {
        ReferralTexts lahu = ReferralTexts.of("lhu");
        assertThat(lahu.state()).isEqualTo("missing");
        assertThat(lahu.text("choice.information_only")).isEqualTo("[en] information only");
        ReferralTexts km = ReferralTexts.of("km");
        assertThat(km.state()).isEqualTo("draft");
        assertThat(km.text("prompt.choice", "n", "2")).startsWith("អ្នកផ្តល់ចម្លើយទី 2 ");
    }

    @Test
    void referralTexts_everyStudyLanguage_hasADraftOrCompleteFileWithEveryKey() throws Exception {
        ObjectMapper yaml = JsonMappers.yaml();
        Set<String> master = new TreeSet<>();
        yaml.readTree(DIR.resolve("en.yaml").toFile()).get("texts").fieldNames().forEachRemaining(master::add);
        for (String lang : List.of("bn", "hi", "km", "ne", "th")) {
            ReferralTexts texts = ReferralTexts.of(lang);
            assertThat(texts.state()).as(lang).isEqualTo("draft");
            for (String key : master) {
                assertThat(texts.text(key)).as(lang + " " + key).doesNotStartWith("[en]");
            }
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
