package org.fieldsafe.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.fieldsafe.server.cli.AdminCli;
import org.fieldsafe.server.forms.CoreStudySource;

/**
 * Entry point: {@code server [CONFIG]} and {@code check [CONFIG]} go to Dropwizard (CONFIG defaults to
 * ./config.yml), {@code admin ...} to the admin command line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "admin".equals(args[0])) {
            System.exit(AdminCli.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        String[] arguments = args;
        if (args.length == 1 && ("server".equals(args[0]) || "check".equals(args[0]))
                && Files.isRegularFile(Path.of("config.yml"))) {
            arguments = new String[] {args[0], "config.yml"};
        }
        new FieldsafeApplication(Clock.systemUTC(), CoreStudySource::new, System.out).run(arguments);
    }
}
