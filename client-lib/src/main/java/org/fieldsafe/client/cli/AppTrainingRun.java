package org.fieldsafe.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.app.AppTraining;

/**
 * The training run of {@code client app}'s class-data-sharing archive, as the {@code fieldsafe} launcher runs it
 * (once per build and java, with {@code -XX:ArchiveClassesAtExit}): the command line parsed as {@code client app}'s
 * is, then {@link AppTraining#firstScreen} on an empty temporary home, which is deleted at the end.
 */
public final class AppTrainingRun {
    private AppTrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("fieldsafe-app-training");
        try {
            Path home = dir.resolve("home");
            ClientMain.commandLine(Map.of(), FieldsafeClient.Settings.defaults())
                    .parseArgs("app", "--home", home.toString(), "--no-browser");
            AppTraining.firstScreen(home);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
