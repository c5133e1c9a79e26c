package org.fieldsafe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.junit.jupiter.api.Test;

class EnvelopeFactoryTest {
    final EnvelopeFactory factory = new EnvelopeFactory(BenchFixtures.study(null), 8192, 16384);

    @Test
    void next_headerFollowsTheContractForTheDevice() throws Exception {
        EnvelopeFactory.Upload upload = factory.next(BenchFixtures.DEVICE, new Random(1));

        Envelope envelope = Http.JSON.readValue(upload.body(), Envelope.class);
        SubmissionHeader h = envelope.header();
        assertThat(h.v()).isEqualTo(1);
        assertThat(h.submissionId()).isEqualTo(upload.submissionId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(h.study()).isEqualTo("beyond-awareness");
        assertThat(h.form()).isEqualTo(new SubmissionHeader.FormRef("interview", 1, "a".repeat(64)));
        assertThat(h.consentForm().id()).isEqualTo("consent");
        assertThat(h.site()).isEqualTo("KH-SVR");
        assertThat(h.deviceId()).isEqualTo("dev-7f3a");
        assertThat(h.enumerator()).isEqualTo("enum-kh1");
        assertThat(h.finalisedAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(h.respondents()).singleElement().satisfies(r -> {
            assertThat(r.codeHash()).matches("[0-9a-f]{64}");
            assertThat(r.category()).isIn("RH", "DB", "CS");
            assertThat(r.consent().participation()).isTrue();
            assertThat(r.consent().recording()).isFalse();
            assertThat(r.consent().minor()).isFalse();
        });
        assertThat(h.triage()).isNull();
        assertThat(h.parts()).isSorted().containsExactlyElementsOf(envelope.parts().keySet()).contains("research");
        assertThat(envelope.parts().get("research").recipients()).singleElement()
                .satisfies(k -> assertThat(k.keyId()).isEqualTo("c".repeat(64)));
        assertThat(Base64.getDecoder().decode(envelope.parts().get("research").nonce())).hasSize(12);
        assertThat(Base64.getDecoder().decode(envelope.parts().get("research").recipients().get(0).enc())).hasSize(32);
        assertThat(Base64.getDecoder().decode(envelope.parts().get("research").recipients().get(0).wrappedKey()))
                .hasSize(48);
        JsonNode raw = Http.JSON.readTree(upload.body());
        assertThat(raw.path("header").has("triage")).isTrue();
    }

    @Test
    void next_identityParts_addressedToTheIdentityKeyOnlyWhenTheStudyHasOne() throws Exception {
        Random random = new Random(3);
        int withIdentity = 0;
        for (int i = 0; i < 100; i++) {
            Envelope e = Http.JSON.readValue(factory.next(BenchFixtures.DEVICE, random).body(), Envelope.class);
            if (e.parts().containsKey("identity")) {
                withIdentity++;
                assertThat(e.header().parts()).containsExactly("identity", "research");
                assertThat(e.parts().get("identity").recipients().get(0).keyId()).isEqualTo("d".repeat(64));
            }
        }
        StudyContext noIdentity = new StudyContext("beyond-awareness", BenchFixtures.study(null).interview(),
                BenchFixtures.study(null).consent(), Map.of("research", "c".repeat(64)), null);
        EnvelopeFactory researchOnly = new EnvelopeFactory(noIdentity, 8192, 16384);

        assertThat(withIdentity).isBetween(5, 40);
        for (int i = 0; i < 50; i++) {
            assertThat(Http.JSON.readValue(researchOnly.next(BenchFixtures.DEVICE, random).body(), Envelope.class)
                    .parts()).containsOnlyKeys("research");
        }
    }

    @Test
    void next_sizesSpreadOver8To16KbAndIdsDiffer() {
        Random random = new Random(7);
        List<Integer> sizes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            EnvelopeFactory.Upload u = factory.next(BenchFixtures.DEVICE, random);
            sizes.add(u.body().length);
            ids.add(u.submissionId());
        }

        assertThat(sizes).allSatisfy(s -> assertThat(s).isBetween(8192 - 8, 16384 + 8));
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().getAsInt()).isGreaterThan(15000);
        assertThat(sizes.stream().mapToInt(Integer::intValue).min().getAsInt()).isLessThan(9500);
        assertThat(ids).doesNotHaveDuplicates();
    }
}
