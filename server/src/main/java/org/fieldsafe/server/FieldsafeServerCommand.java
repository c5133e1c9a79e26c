package org.fieldsafe.server;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.forms.FormRejectedException;

/** Dropwizard's {@code server} command; invalid forms end start-up with their messages, not a stack trace. */
final class FieldsafeServerCommand extends ServerCommand<FieldsafeConfiguration> {
    FieldsafeServerCommand(Application<FieldsafeConfiguration> application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        if (error instanceof FormRejectedException) {
            cli.getStdErr().println("The server did not start: the forms directory is not valid (see above).");
            return;
        }
        super.onError(cli, namespace, error);
    }
}
