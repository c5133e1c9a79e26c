package org.fieldsafe.server.cli;

import org.fieldsafe.core.wire.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code admin progress}: interviews received vs target per site x category, as a table. */
@Command(name = "progress", mixinStandardHelpOptions = true,
        description = "Show interviews received vs target per site and respondent category.")
final class ProgressCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Override
    public void run() {
        ApiClient client = admin.client();
        Progress progress = client.get("/studies/" + study + "/progress", client.json().constructType(Progress.class));
        admin.out.print(ProgressTableView.render(progress));
    }
}
