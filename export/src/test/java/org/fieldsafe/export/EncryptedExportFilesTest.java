package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export files at rest: encrypted, bound to their job and name, gone after destroy (and at the server's start-up:
 * server/.../export/ExportJobsTest).
 */
class EncryptedExportFilesTest {
    private static final String TEXT = "interview,answer\\nI-1,the heron by the river\\n";

    @TempDir
    Path dir;

    @Test
    void create_open_roundTrip_noPlaintextOnDisk() throws IOException {
        EncryptedExportFiles files = new EncryptedExportFiles("job-1", dir.resolve("job-1"));
        write(files, "export-long.csv", TEXT);
        assertThat(read(files, "export-long.csv")).isEqualTo(TEXT);
        assertThat(files.names()).containsExactly("export-long.csv");
        byte[] stored = Files.readAllBytes(dir.resolve("job-1").resolve("export-long.csv.sealed"));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("heron");
    }

    @Test
    void open_fileMovedToAnotherNameOrJob_fails() throws IOException {
        EncryptedExportFiles files = new EncryptedExportFiles("job-1", dir.resolve("job-1"));
        write(files, "a.csv", TEXT);
        write(files, "b.csv", "something else entirely, long enough\\n");
        Path a = dir.resolve("job-1").resolve("a.csv.sealed");
        Path b = dir.resolve("job-1").resolve("b.csv.sealed");
        Files.copy(a, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> read(files, "b.csv")).isInstanceOf(IOException.class);

        EncryptedExportFiles other = new EncryptedExportFiles("job-2", dir.resolve("job-2"));
        write(other, "a.csv", "x");
        Files.copy(a, dir.resolve("job-2").resolve("a.csv.sealed"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> read(other, "a.csv")).isInstanceOf(IOException.class);
    }

    @Test
    void create_pathOrRepeatedName_refused() throws IOException {
        EncryptedExportFiles files = new EncryptedExportFiles("job-1", dir.resolve("job-1"));
        assertThatThrownBy(() -> files.create("../escape.csv")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> files.create("sub/x.csv")).isInstanceOf(IOException.class);
        write(files, "a.csv", TEXT);
        assertThatThrownBy(() -> files.create("a.csv")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> files.open("never.csv")).isInstanceOf(IOException.class);
    }

    @Test
    void destroy_deletesTheFilesAndRefusesToOpen() throws IOException {
        EncryptedExportFiles files = new EncryptedExportFiles("job-1", dir.resolve("job-1"));
        write(files, "a.csv", TEXT);
        files.destroy();
        assertThat(dir.resolve("job-1")).doesNotExist();
        assertThatThrownBy(() -> files.open("a.csv")).isInstanceOf(IOException.class);
    }

    private static void write(EncryptedExportFiles files, String name, String text) throws IOException {
        try (OutputStream out = files.create(name)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(EncryptedExportFiles files, String name) throws IOException {
        try (InputStream in = files.open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
