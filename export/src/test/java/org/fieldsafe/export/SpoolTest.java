package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path work;

    private static ExportRow row(int i) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("q_meaning", "plaintext-marker-" + i + " ភាសាខ្មែរ, \"quoted\"\nline");
        answers.put("indicators", List.of("a", "b"));
        answers.put("age", "25-34");
        return new ExportRow("I-" + i / 2, "R-" + i, "KH-SVR", i % 5 == 0 ? null : "RH", "interview", 1, "km",
                "2018-01", "KH-SVR\u001fRH\u001f" + (i % 3), answers);
    }

    private Path spoolFile() throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void forEach_readsBackWhatWasAppendedAndTheFileIsEncrypted() throws IOException {
        List<ExportRow> back = new ArrayList<>();
        try (Spool spool = new Spool(work)) {
            for (int i = 0; i < 2000; i += 2) {
                spool.append(Spool.encode(List.of(row(i), row(i + 1))), 2);
            }
            spool.finish();
            byte[] onDisk = Files.readAllBytes(spoolFile());
            assertThat(onDisk.length).isGreaterThan(2000 * 40);
            assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("plaintext-marker")
                    .doesNotContain("KH-SVR");
            assertThat(spool.rows()).isEqualTo(2000);
            spool.forEach(back::add);
        }
        assertThat(back).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(back.get(i)).isEqualTo(row(i));
        }
        assertThat(back.get(0).answers().keySet()).containsExactly("q_meaning", "indicators", "age");
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("deleted on close").isEmpty();
        }
    }

    @Test
    void forEach_alteredFile_fails() throws IOException {
        try (Spool spool = new Spool(work)) {
            spool.append(Spool.encode(List.of(row(1), row(2))), 2);
            spool.finish();
            byte[] bytes = Files.readAllBytes(spoolFile());
            bytes[bytes.length / 2] ^= 1;
            Files.write(spoolFile(), bytes);
            assertThatThrownBy(() -> spool.forEach(r -> { })).isInstanceOf(IOException.class);
        }
    }
}
