package org.fieldsafe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fieldsafe.core.wire.Envelope;
import org.junit.jupiter.api.Test;

class UploadTemplatesTest {
    final List<Device> devices = List.of(BenchFixtures.DEVICE, new Device("dev-2", "NP-KTM", "enum-2", "tok-2"));
    final UploadTemplates templates = new UploadTemplates(
            new EnvelopeFactory(BenchFixtures.study(null), 8192, 16384), devices, 3, 42L);

    @Test
    void rebuild_freshIdAndCode_aValidEnvelopeForThatDevice() throws Exception {
        Random random = new Random(5);
        String id = EnvelopeFactory.newId();
        String code = EnvelopeFactory.hex(random, 32);

        byte[] body = templates.rebuild(1, 2, id, code);

        Envelope envelope = Http.JSON.readValue(body, Envelope.class);
        assertThat(envelope.header().submissionId()).isEqualTo(id);
        assertThat(envelope.header().respondents()).singleElement()
                .satisfies(r -> assertThat(r.codeHash()).isEqualTo(code));
        assertThat(envelope.header().deviceId()).isEqualTo("dev-2");
        assertThat(envelope.header().site()).isEqualTo("NP-KTM");
        assertThat(body.length).isBetween(8184, 16392);
        assertThat(templates.rebuild(1, 2, id, code)).isEqualTo(body);
    }

    @Test
    void rebuild_differentIds_differentBodies_templateUntouched() {
        Random random = new Random(6);
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            bodies.add(new String(templates.rebuild(0, 0, EnvelopeFactory.newId(), EnvelopeFactory.hex(random, 32)),
                    java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThat(bodies).hasSize(50);
        assertThat(templates.perDevice()).isEqualTo(3);
    }

    @Test
    void rebuild_wrongLengths_refused() {
        assertThatThrownBy(() -> templates.rebuild(0, 0, "short", "a".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> templates.rebuild(0, 0, EnvelopeFactory.newId(), "abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyOffset_absentOrRepeated_refused() {
        byte[] body = "{\"a\":\"xyz\",\"b\":\"xyz\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(UploadTemplates.onlyOffset(body, "\"a\"")).isEqualTo(1);
        assertThatThrownBy(() -> UploadTemplates.onlyOffset(body, "xyz")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> UploadTemplates.onlyOffset(body, "nope")).isInstanceOf(IllegalStateException.class);
    }
}
