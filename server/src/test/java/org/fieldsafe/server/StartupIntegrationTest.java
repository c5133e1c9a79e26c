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
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.storage.CoreStudySource;
import org.fieldsafe.server.storage.FormRejectedException;
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
    void start_invalidForm_refusesToStart() throws Exception {
        Path forms = dataDir.resolve("forms");
        Path study = forms.resolve("beyond-awareness");
        Files.createDirectories(study);
        try (var files = Files.walk(Path.of("..", "forms", "beyond-awareness"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = study.resolve(Path.of("..", "forms", "beyond-awareness").relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Files.writeString(study.resolve("consent.yaml"), "id: consent\nkind: consent\nnonsense: true\n");
        DropwizardTestSupport<FieldsafeConfiguration> app = support(forms, new ByteArrayOutputStream());
        try {
            assertThatThrownBy(app::before).isInstanceOf(FormRejectedException.class)
                    .hasMessageContaining("consent.yaml");
        } finally {
            app.after();
        }
    }
}
