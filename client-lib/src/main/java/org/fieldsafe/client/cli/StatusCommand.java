package org.fieldsafe.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.DeviceInfo;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.interview.DraftSummary;
import org.fieldsafe.client.sync.OutboxStatus;
import org.fieldsafe.client.sync.ShortForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code status}: drafts, sealed interviews waiting, attachments waiting to be uploaded, and receipts held, without
 * contacting the server.
 */
@Command(name = "status", description = {
        "Show what this device holds: paused or interrupted drafts (id, form, site, language, progress, last",
        "save; no answer or respondent code, no passphrase needed), sealed interviews waiting to be sent (with",
        "tries and the last error), recordings waiting to be uploaded (with the bytes the server holds of each), and",
        "interviews sent (with the server's receipt time and envelope hash)."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Override
    public Integer call() throws ClientException {
        PrintWriter out = spec.commandLine().getOut();
        try (FieldsafeClient client = home.openExisting(spec)) {
            OutboxStatus status = client.outboxStatus();
            DeviceInfo device = client.device().orElseThrow();
            out.println("device " + device.deviceId() + ", study " + device.study() + ", site " + device.site());
            out.println("drafts: " + status.drafts());
            for (DraftSummary d : client.drafts()) {
                out.println("  " + d.draftId() + "  form " + d.formId() + "  site " + d.site() + "  lang "
                        + (d.language() == null ? "-" : d.language()) + "  progress "
                        + (d.answered() < 0 ? "-" : d.answered() + "/" + d.total() + " questions") + "  saved "
                        + d.savedAt() + "  (resume: fieldsafe client interview --form " + d.formId() + " --site "
                        + d.site() + (d.language() == null ? "" : " --lang " + d.language()) + " --resume "
                        + d.draftId() + ")");
            }
            out.println("sealed, waiting to be sent: " + status.waiting().size());
            for (OutboxStatus.Waiting w : status.waiting()) {
                out.println("  " + w.submissionId() + "  sealed " + w.sealedAt() + "  tries " + w.attempts()
                        + (w.lastError() == null ? "" : "  last error: " + ClientMain.oneLine(w.lastError())));
            }
            printAttachments(out, status.attachments());
            out.println("sent: " + status.sent().size());
            for (OutboxStatus.Sent s : status.sent()) {
                out.println("  " + s.submissionId() + "  received " + (s.receivedAt() == null ? "-" : s.receivedAt())
                        + "  envelope " + ShortForm.hash(s.envelopeSha256()));
            }
            out.flush();
        }
        return 0;
    }

    /** Per attachment its submission id, name and bytes uploaded: never anything of its content. */
    private static void printAttachments(PrintWriter out, List<OutboxStatus.WaitingAttachment> attachments) {
        out.println("attachments waiting to be uploaded: " + attachments.size());
        for (OutboxStatus.WaitingAttachment a : attachments) {
            out.println("  " + a.submissionId() + "  " + a.name() + "  uploaded " + a.bytesSent() + " of "
                    + a.totalBytes() + " bytes"
                    + (a.lastError() == null ? "" : "  last error: " + ClientMain.oneLine(a.lastError())));
        }
    }
}
