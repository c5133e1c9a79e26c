package org.fieldsafe.server.cli;

import java.util.List;
import org.fieldsafe.core.wire.Notice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code admin notices}: the study's coordinator notices, newest first, in words (ids, sites, times only). */
@Command(name = "notices", mixinStandardHelpOptions = true,
        description = "Notices for the study's coordinators, newest first (e.g. an interview refused because its "
                + "respondent withdrew before it synced).")
final class NoticesCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Override
    public void run() {
        ApiClient client = admin.client();
        List<Notice> notices = client.get("/studies/" + study + "/notices",
                client.json().getTypeFactory().constructCollectionType(List.class, Notice.class));
        if (notices.isEmpty()) {
            admin.out.println("No notices.");
            return;
        }
        for (Notice n : notices) {
            admin.out.println(n.createdAt() + "  " + n.kind() + "  " + n.text());
        }
    }
}
