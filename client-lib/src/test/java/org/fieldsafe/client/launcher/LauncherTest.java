package org.fieldsafe.client.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code fieldsafe} launcher at the repository root, for the paths that need no build. */
class LauncherTest {
    static final Path LAUNCHER = Path.of("..", "fieldsafe").toAbsolutePath().normalize();

    @TempDir
    Path cwd;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void needsBash() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")));
    }

    @Test
    void launcher_isAnExecutableStrictBashScript() throws IOException {
        assertThat(LAUNCHER).isExecutable();
        String script = Files.readString(LAUNCHER);
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("set -euo pipefail");
    }

    @Test
    void help_printsTheCommandsAndExitsZero() throws Exception {
        Run run = run("help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("server [CONFIG]").contains("admin ...").contains("client ...")
                .contains("FIELDSAFE_JAVA_OPTS");
    }

    @Test
    void noCommand_printsUsageToStderrAndExitsTwo() throws Exception {
        Run run = run();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: fieldsafe COMMAND");
    }

    @Test
    void unknownCommand_oneLineAndExitsTwo() throws Exception {
        Run run = run("interviewz");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("fieldsafe: unknown command 'interviewz' (expected server, admin, client or help)\n");
    }

    @Test
    void server_namedConfigMissing_isResolvedFromTheCallersFolder() throws Exception {
        Run run = run("server", "site.yml");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fieldsafe: no config file at site.yml (a path relative to "
                + cwd.toRealPath() + ")\n");
    }

    @Test
    void clientApp_startsTheJvmWithTheBenchmarkedOptions() throws Exception {
        // a copy of the launcher beside a stand-in jar (no sources: nothing to build) and a stand-in java that
        // prints the arguments it was given
        Path root = cwd.resolve("root");
        Files.createDirectories(root.resolve("client-lib/target"));
        Files.createFile(root.resolve("client-lib/target/fieldsafe-client-all.jar"));
        Files.copy(LAUNCHER, root.resolve("fieldsafe"));
        Path bin = Files.createDirectories(cwd.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/usr/bin/env bash\necho \"$*\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwx------"));
        String jvmOptions = String.join(" ", org.fieldsafe.client.app.FieldAppBenchmark.APP_JVM_OPTIONS);

        Run app = runWithPath(root.resolve("fieldsafe"), bin, "", "client", "app", "--no-browser");
        Run overridden = runWithPath(root.resolve("fieldsafe"), bin, "-XX:TieredStopAtLevel=4", "client", "app");
        Run other = runWithPath(root.resolve("fieldsafe"), bin, "", "client", "status");

        assertThat(app.out()).isEqualTo(jvmOptions + " -jar " + root.toRealPath()
                + "/client-lib/target/fieldsafe-client-all.jar app --no-browser\n");
        assertThat(overridden.out()).startsWith(jvmOptions + " -XX:TieredStopAtLevel=4 -jar ");
        assertThat(other.out()).startsWith("-jar ").doesNotContain(jvmOptions);
    }

    private Run runWithPath(Path launcher, Path bin, String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FIELDSAFE_JAVA_OPTS", javaOpts);
        Process process = builder.redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8), "");
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = cwd.resolve("out.txt");
        Path err = cwd.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
