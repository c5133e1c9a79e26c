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
        Path root = standInRoot();
        String jvmOptions = String.join(" ", org.fieldsafe.client.app.FieldAppBenchmark.APP_JVM_OPTIONS);
        String archive = "-XX:SharedArchiveFile=" + root.toRealPath() + "/client-lib/target/fieldsafe-client-app.jsa"
                + " -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off";

        Run app = runWithPath(root.resolve("fieldsafe"), "", "client", "app", "--no-browser");
        Run overridden = runWithPath(root.resolve("fieldsafe"), "-XX:TieredStopAtLevel=4", "client", "app");
        Run other = runWithPath(root.resolve("fieldsafe"), "", "client", "status");

        assertThat(app.out()).isEqualTo(jvmOptions + " " + archive + " -jar " + root.toRealPath()
                + "/client-lib/target/fieldsafe-client-all.jar app --no-browser\n");
        assertThat(overridden.out()).startsWith(jvmOptions + " " + archive + " -XX:TieredStopAtLevel=4 -jar ");
        assertThat(other.out()).startsWith("-jar ").doesNotContain(jvmOptions).doesNotContain("SharedArchiveFile");
    }

    @Test
    void clientApp_archiveMissing_madeOnceByATrainingRunThenUsedByEveryStart() throws Exception {
        Path root = standInRoot();

        Run first = runWithPath(root.resolve("fieldsafe"), "", "client", "app", "--no-browser");
        Run second = runWithPath(root.resolve("fieldsafe"), "", "client", "app", "--no-browser");

        List<String> calls = Files.readAllLines(cwd.resolve("java-calls.log"));
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).contains("-XX:ArchiveClassesAtExit=" + root.toRealPath()
                + "/client-lib/target/fieldsafe-client-app.jsa.").contains(" -Xshare:auto ")
                .endsWith("-cp " + root.toRealPath() + "/client-lib/target/fieldsafe-client-all.jar"
                        + " org.fieldsafe.client.cli.AppTrainingRun");
        assertThat(first.err()).isEqualTo("fieldsafe: preparing a faster start of the field app (once per build)...\n");
        assertThat(first.out()).contains("-XX:SharedArchiveFile=").endsWith("app --no-browser\n");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(calls.get(2)).isEqualTo(calls.get(1));
        assertThat(root.resolve("client-lib/target")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void build_firstRun_makesTheAppArchiveSoTheFirstClientAppStartsWithIt() throws Exception {
        Path root = standInRoot();
        Files.delete(root.resolve("client-lib/target/fieldsafe-client-all.jar"));
        // a stand-in Maven that "builds" both jars (an hour old, as the other stand-ins' jar)
        Files.writeString(cwd.resolve("bin/mvn"), """
                #!/usr/bin/env bash
                mkdir -p server/target client-lib/target
                touch -d '-1 hour' server/target/fieldsafe-server-all.jar client-lib/target/fieldsafe-client-all.jar
                """);
        Files.setPosixFilePermissions(cwd.resolve("bin/mvn"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwx------"));

        Run admin = runWithPath(root.resolve("fieldsafe"), "", "admin", "--help");
        Run app = runWithPath(root.resolve("fieldsafe"), "", "client", "app", "--no-browser");

        List<String> calls = Files.readAllLines(cwd.resolve("java-calls.log"));
        assertThat(admin.err()).contains("building Fieldsafe (first run)")
                .contains("preparing a faster start of the field app");
        assertThat(calls.get(0)).contains("-XX:ArchiveClassesAtExit=").endsWith("org.fieldsafe.client.cli.AppTrainingRun");
        assertThat(calls).filteredOn(c -> c.contains("ArchiveClassesAtExit")).hasSize(1);
        assertThat(app.err()).isEmpty();
        assertThat(app.out()).contains("-XX:SharedArchiveFile=").endsWith("app --no-browser\n");
    }

    @Test
    void clientApp_archiveStaleOrOfAnotherJava_remadeNeverUsedAsIs() throws Exception {
        Path root = standInRoot();
        Path jar = root.resolve("client-lib/target/fieldsafe-client-all.jar");
        Path archive = root.resolve("client-lib/target/fieldsafe-client-app.jsa");
        runWithPath(root.resolve("fieldsafe"), "", "client", "app");

        // a new build: the jar is newer than the archive
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() - 60_000));
        Run afterBuild = runWithPath(root.resolve("fieldsafe"), "", "client", "app");
        // another java (or the same path updated) made the archive
        Files.writeString(root.resolve("client-lib/target/fieldsafe-client-app.jsa.java"), "/opt/other/java 1\n");
        Run afterJava = runWithPath(root.resolve("fieldsafe"), "", "client", "app");

        List<String> calls = Files.readAllLines(cwd.resolve("java-calls.log"));
        assertThat(calls).hasSize(6);
        assertThat(calls.get(2)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(calls.get(4)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(afterBuild.err()).contains("preparing a faster start");
        assertThat(afterJava.err()).contains("preparing a faster start");
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(jar));
        assertThat(afterJava.out()).contains("-XX:SharedArchiveFile=");
    }

    @Test
    void clientApp_archiveCannotBeMade_startsWithoutIt() throws Exception {
        Path root = standInRoot();
        Files.writeString(cwd.resolve("fail-training"), "");

        Run app = runWithPath(root.resolve("fieldsafe"), "", "client", "app", "--no-browser");

        assertThat(app.exit()).isZero();
        assertThat(app.out()).isEqualTo(String.join(" ", org.fieldsafe.client.app.FieldAppBenchmark.APP_JVM_OPTIONS)
                + " -jar " + root.toRealPath() + "/client-lib/target/fieldsafe-client-all.jar app --no-browser\n");
        assertThat(root.resolve("client-lib/target")).isDirectoryNotContaining("glob:**.jsa*");
    }

    @Test
    void sharedArchive_garbage_theRealJvmStartsWithoutItAndSaysNothing() throws Exception {
        Path garbage = cwd.resolve("garbage.jsa");
        byte[] bytes = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(garbage, bytes);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process process = new ProcessBuilder(java, "-XX:SharedArchiveFile=" + garbage, "-Xshare:auto",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-version").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).contains("version").doesNotContainIgnoringCase("cds").doesNotContainIgnoringCase("archive");
    }

    /**
     * A copy of the launcher beside a stand-in jar (no sources: nothing to build) and a stand-in java on the PATH
     * that prints its arguments, logs each call to java-calls.log, and for a training run writes the archive it was
     * asked for (or fails, when the file fail-training exists).
     */
    private Path standInRoot() throws IOException {
        Path root = cwd.resolve("root");
        Files.createDirectories(root.resolve("client-lib/target"));
        Files.createFile(root.resolve("client-lib/target/fieldsafe-client-all.jar"));
        Files.setLastModifiedTime(root.resolve("client-lib/target/fieldsafe-client-all.jar"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Files.copy(LAUNCHER, root.resolve("fieldsafe"));
        Path bin = Files.createDirectories(cwd.resolve("bin"));
        Files.writeString(bin.resolve("java"), """
                #!/usr/bin/env bash
                echo "$*" >>java-calls.log
                for a in "$@"; do
                  case "$a" in
                    -XX:ArchiveClassesAtExit=*) [ -e fail-training ] && exit 1; echo archive >"${a#*=}" ;;
                  esac
                done
                echo "$*"
                """);
        Files.setPosixFilePermissions(bin.resolve("java"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwx------"));
        return root;
    }

    /** The launcher with the stand-in java of {@link #standInRoot()} first on the PATH. */
    private Run runWithPath(Path launcher, String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().put("PATH", cwd.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("FIELDSAFE_JAVA_OPTS", javaOpts);
        Path out = cwd.resolve("out.txt");
        Path err = cwd.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
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
