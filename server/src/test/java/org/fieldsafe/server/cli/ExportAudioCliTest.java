package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin export --with-audio} and {@code admin grants}, refused on this machine before anything is created or
 * asked of a server (no server runs here: a request would fail differently).
 */
class ExportAudioCliTest {
    @TempDir
    Path home;

    @Test
    void exportCli_withAudioWithoutQdpx_refusedNothingCreated() {
        Path out = home.resolve("out");
        CliRun run = CliRun.at(home, Map.of("FIELDSAFE_SERVER", "http://127.0.0.1:9"), "export", "--study",
                "beyond-awareness", "--out", out.toString(), "--format", "wide,long", "--with-audio");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("--with-audio needs --format qdpx").doesNotContain("Exception");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void exportCli_withAudioAndKeyFile_refusedNothingCreated() {
        Path out = home.resolve("out");
        CliRun run = CliRun.at(home, Map.of(), "export", "--study", "beyond-awareness", "--out", out.toString(),
                "--format", "qdpx", "--with-audio", "--key", home.resolve("research.key").toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("--with-audio needs the server");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void grantsCli_withoutSubcommand_namesThem() {
        CliRun run = CliRun.at(home, Map.of(), "grants");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("grants audio, list or revoke");
        assertThat(CliRun.at(home, Map.of(), "grants", "audio", "--help").out()).contains("--reason")
                .contains("--days").contains("Voices identify");
    }
}
