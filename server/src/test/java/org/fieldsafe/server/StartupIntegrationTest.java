package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.forms.FormsFixtures;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.forms.CoreStudySource;
import org.fieldsafe.server.forms.FormRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up with the real forms directory, a generated admin password, and a broken forms directory. */
class StartupIntegrationTest {
    @TempDir
    Path dataDir;

    private DropwizardTestSupport<FieldsafeConfiguration> support(Path forms, ByteArrayOutputStream console) {
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        return new DropwizardTestSupport<>(FieldsafeApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", "jdbc:sqlite:" + dataDir.resolve("db/fieldsafe.db")),
                ConfigOverride.config("forms.directory", forms.toString()),
                ConfigOverride.config("auth.initialAdminPassword", "")) {
            @Override
            public FieldsafeApplication newApplication() {
                return new FieldsafeApplication(Clock.systemUTC(), CoreStudySource::new, out);
            }
        };
    }

    @Test
    void start_repositoryForms_publishedAndAdminPasswordPrintedOnce() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DropwizardTestSupport<FieldsafeConfiguration> app = support(Path.of("..", "forms"), console);
        app.before();
        try {
            FieldsafeApplication application = (FieldsafeApplication) app.getApplication();
            List<FormVersionInfo> forms = application.services().forms().forms("beyond-awareness");
            assertThat(forms).extracting(FormVersionInfo::formId).contains("consent", "interview");
            assertThat(forms).extracting(FormVersionInfo::state).containsOnly("published");
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .containsOnlyOnce("one-time password")
                    .contains("127.0.0.1:" + app.getLocalPort());
            assertThat(Files.exists(dataDir.resolve("db/fieldsafe.db"))).isTrue();
        } finally {
            app.after();
        }
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        DropwizardTestSupport<FieldsafeConfiguration> again = support(Path.of("..", "forms"), second);
        again.before();
        try {
            assertThat(second.toString(StandardCharsets.UTF_8)).doesNotContain("one-time password");
            assertThat(((FieldsafeApplication) again.getApplication()).services().forms().forms("beyond-awareness")).hasSize(2);
        } finally {
            again.after();
        }
    }

    @Test
    void login_generatedAdminPassword_mustChange() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DropwizardTestSupport<FieldsafeConfiguration> app = support(TestApp.FIXTURE_FORMS, console);
        app.before();
        try {
            Matcher printed = Pattern.compile("one-time password (\\S+) ")
                    .matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(printed.find()).isTrue();
            AuthService auth = ((FieldsafeApplication) app.getApplication()).services().auth();
            LoginResponse first = auth.login(new LoginRequest("admin", printed.group(1)), "127.0.0.1");
            assertThat(first.passwordChangeRequired()).isTrue();
        } finally {
            app.after();
        }
    }

    @Test
    void start_invalidForm_refusesToStart() throws Exception {
        Path forms = copyOfRepositoryForms();
        Path study = forms.resolve("beyond-awareness");
        Files.writeString(study.resolve("consent.yaml"), "id: consent\nkind: consent\nnonsense: true\n");
        DropwizardTestSupport<FieldsafeConfiguration> app = support(forms, new ByteArrayOutputStream());
        try {
            assertThatThrownBy(app::before).isInstanceOf(FormRejectedException.class)
                    .hasMessageContaining("consent.yaml");
        } finally {
            app.after();
        }
    }

    @Test
    void start_changedFormFile_becomesNewVersion_oldVersionStays() throws Exception {
        Path forms = copyOfRepositoryForms();
        Path interview = forms.resolve("beyond-awareness").resolve("interview.yaml");
        DropwizardTestSupport<FieldsafeConfiguration> first = support(forms, new ByteArrayOutputStream());
        first.before();
        String firstHash;
        try {
            firstHash = version(first, "interview", 1).sha256();
        } finally {
            first.after();
        }

        String yaml = Files.readString(interview);
        Files.writeString(interview, yaml.replace("Interview guide: local perceptions", "Interview guide: local views"));
        DropwizardTestSupport<FieldsafeConfiguration> second = support(forms, new ByteArrayOutputStream());
        second.before();
        try {
            FormVersionInfo v1 = version(second, "interview", 1);
            FormVersionInfo v2 = version(second, "interview", 2);
            assertThat(v1.sha256()).isEqualTo(firstHash);
            assertThat(v2.sha256()).isNotEqualTo(firstHash);
            assertThat(v2.state()).isEqualTo("published");
            assertThat(((FieldsafeApplication) second.getApplication()).services().forms().forms("beyond-awareness"))
                    .filteredOn(f -> f.formId().equals("consent")).extracting(FormVersionInfo::version)
                    .containsExactly(1);
        } finally {
            second.after();
        }
    }

    private static FormVersionInfo version(DropwizardTestSupport<FieldsafeConfiguration> app, String form, int v) {
        List<FormVersionInfo> forms = ((FieldsafeApplication) app.getApplication()).services().forms()
                .forms("beyond-awareness");
        return forms.stream().filter(f -> f.formId().equals(form) && f.version() == v).findFirst()
                .orElseThrow(() -> new AssertionError("no " + form + " v" + v + " in " + forms));
    }

    private Path copyOfRepositoryForms() throws Exception {
        Path forms = dataDir.resolve("forms");
        FormsFixtures.copy(Path.of("..", "forms", "beyond-awareness"), forms.resolve("beyond-awareness"));
        return forms;
    }
}
