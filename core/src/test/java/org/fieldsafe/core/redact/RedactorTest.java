package org.fieldsafe.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.fieldsafe.core.redact.Redactor.Kind;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void redact_englishWithNameAndPhone_replacesBoth() {
        Redactor r = new Redactor(List.of("Sokha Chan", "Phum Thmey, Svay Rieng"));
        Redactor.Redacted out = r.redact("Sokha said her cousin in Phum Thmey can be reached on +855 12 345 678.");
        assertThat(out.text()).isEqualTo("[NAME] said her cousin in [NAME] [NAME] can be reached on [PHONE].");
        assertThat(out.counts()).isEqualTo(Map.of(Kind.NAME, 3, Kind.PHONE, 1));
    }

    @Test
    void redact_localFormatsAndEmail_areFound() {
        Redactor r = new Redactor(List.of());
        assertThat(r.redact("Call 01712-345678 or 081 234 5678, or write to help.desk@example.org").text())
                .isEqualTo("Call [PHONE] or [PHONE], or write to [EMAIL]");
        assertThat(r.redact("Ring (+91) 98765 43210 now").text()).isEqualTo("Ring [PHONE] now");
    }

    @Test
    void redact_bengaliDigitsPhone_isFoundInBengaliText() {
        Redactor r = new Redactor(List.of("রহিম উদ্দিন"));
        Redactor.Redacted out = r.redact("রহিম ভাই বলেছেন দালালের নম্বর ০১৭১২৩৪৫৬৭৮ ছিল।");
        assertThat(out.text()).isEqualTo("[NAME] ভাই বলেছেন দালালের নম্বর [PHONE] ছিল।");
        assertThat(out.counts()).isEqualTo(Map.of(Kind.NAME, 1, Kind.PHONE, 1));
    }

    @Test
    void redact_devanagariAndThaiDigits_areFound() {
        Redactor r = new Redactor(List.of());
        assertThat(r.redact("उसका नंबर ९८७६५ ४३२१० है").text()).isEqualTo("उसका नंबर [PHONE] है");
        assertThat(r.redact("โทร ๐๘๑-๒๓๔-๕๖๗๘ ได้").text()).isEqualTo("โทร [PHONE] ได้");
    }

    @Test
    void redact_khmerNameWithoutSpaces_isFound() {
        Redactor r = new Redactor(List.of("សុខា"));
        Redactor.Redacted out = r.redact("បងស្រីសុខាបានទៅធ្វើការនៅថៃ ទូរស័ព្ទ ០១២ ៣៤៥ ៦៧៨");
        assertThat(out.text()).isEqualTo("បងស្រី[NAME]បានទៅធ្វើការនៅថៃ ទូរស័ព្ទ [PHONE]");
    }

    @Test
    void redact_datesYearsAndShortNumbers_areKept() {
        Redactor r = new Redactor(List.of("Ram"));
        String text = "In 2017-2018, on 2026-03-01, 45 people left; Ramesh and the programme stayed.";
        Redactor.Redacted out = r.redact(text);
        assertThat(out.text()).isEqualTo(text);
        assertThat(out.changed()).isFalse();
    }

    @Test
    void redact_ownPhoneAndEmailIdentifiers_areReplaced() {
        Redactor r = new Redactor(List.of("5551234", "Maya.K@Mail.com"));
        Redactor.Redacted out = r.redact("My number is 555-1234 and maya.k@mail.com");
        assertThat(out.text()).isEqualTo("My number is [PHONE] and [EMAIL]");
    }

    @Test
    void redact_nameCaseInsensitive_isReplacedEverywhere() {
        Redactor r = new Redactor(List.of("Anil Kumar"));
        assertThat(r.redact("ANIL KUMAR and anil went; Kumar stayed").text())
                .isEqualTo("[NAME] and [NAME] went; [NAME] stayed");
    }
}
