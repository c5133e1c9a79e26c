package org.fieldsafe.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.app.AppServer;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code client app} as the command line sees it, for the paths that end without serving. */
class AppCommandTest {
    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = ClientMain.commandLine(Map.of(), ClientMainTest.SETTINGS);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void app_secondOnTheSameHome_saysWhereTheFirstRunsAndExitsOne() throws Exception {
        try (AppServer first = AppServer.start(new AppServer.Options(home, AppServer.LOOPBACK, 0, "en",
                new PasswordHasher.Cost(8192, 1, 1), FieldsafeClient.Settings.defaults()))) {
            Run run = run("app", "--home", home.toString(), "--no-browser");

            assertThat(run.exit()).isEqualTo(ClientMain.FAILED);
            assertThat(run.err()).startsWith("fieldsafe: the field app already runs for " + home)
                    .contains(first.origin() + "/").doesNotContain("/launch/");
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void app_portOutOfRange_oneLineErrorExitOne() {
        Run run = run("app", "--home", home.toString(), "--port", "70000", "--no-browser");

        assertThat(run.exit()).isEqualTo(ClientMain.FAILED);
        assertThat(run.err()).isEqualTo("fieldsafe: --port must be between 0 and 65535" + System.lineSeparator());
    }

    @Test
    void help_listsTheAppCommandAndItsOptions() {
        Run top = run("--help");
        Run app = run("app", "--help");

        assertThat(top.out()).contains("app").contains("Start the field app");
        assertThat(app.out()).contains("--home").contains("--port").contains("--no-browser").contains("127.0.0.1");
    }
}
