package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySinkTest {
    @TempDir
    Path tmp;

    @Test
    void create_plainNameInTheDirectory_otherwiseRefused() throws IOException {
        DirectorySink sink = new DirectorySink(tmp.resolve("out"));
        try (OutputStream out = sink.create("export-wide.csv")) {
            out.write('x');
        }
        assertThat(tmp.resolve("out/export-wide.csv")).hasContent("x");
        assertThatThrownBy(() -> sink.create("../escaped.csv")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> sink.create("sub/file.csv")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> sink.create("export-wide.csv")).as("never overwrites")
                .isInstanceOf(IOException.class);
        assertThat(Files.exists(tmp.resolve("escaped.csv"))).isFalse();
    }
}
