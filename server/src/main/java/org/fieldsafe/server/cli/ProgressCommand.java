package org.fieldsafe.server.cli;

import org.fieldsafe.core.wire.OpenRosaProgress;
import org.fieldsafe.core.wire.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin progress}: interviews received vs target per site x category, as a table, with the imported ones
 * marked, and the ODK Collect (OpenRosa) submissions per site below it, as the console's progress screen shows them.
 */
@Command(name = "progress", mixinStandardHelpOptions = true,
        description = {"Show interviews received vs target per site and respondent category.",
                "Interviews imported from an earlier wave's export are counted in the table and marked on an 'i' line; "
                        + "ODK Collect (OpenRosa) submissions, whose category is inside ODK's encryption, are counted "
                        + "per site below it."})
final class ProgressCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Override
    public void run() {
        ApiClient client = admin.client();
        Progress progress = client.get("/studies/" + study + "/progress", client.json().constructType(Progress.class));
        OpenRosaProgress odk = client.get("/studies/" + study + "/openrosa/progress",
                client.json().constructType(OpenRosaProgress.class));
        admin.out.print(ProgressTableView.render(progress));
        admin.out.print(ProgressTableView.render(odk));
    }
}
