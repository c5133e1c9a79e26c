package org.fieldsafe.client.cli;

import java.nio.file.Path;
import java.util.Map;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FieldsafeClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --home DIR}: where the device's local store lives. */
final class HomeOption {
    static final String ENV = "FIELDSAFE_HOME";

    @Option(names = "--home", paramLabel = "DIR",
            description = "The device's local store (default: $FIELDSAFE_HOME, else ~/.fieldsafe).")
    String home;

    /** The enrolled device at this home, with the environment and settings of the command line running. */
    FieldsafeClient openExisting(CommandSpec spec) throws ClientException {
        ClientMain main = (ClientMain) spec.root().userObject();
        return FieldsafeClient.openExisting(resolve(main.env()), main.settings());
    }

    /** The option, else the environment, else {@code ~/.fieldsafe}; a leading {@code ~/} is the user's home. */
    Path resolve(Map<String, String> env) {
        String value = home != null && !home.isBlank() ? home : env.get(ENV);
        if (value == null || value.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".fieldsafe");
        }
        if (value.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), value.substring(2));
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
