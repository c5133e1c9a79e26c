package org.fieldsafe.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.DeviceInfo;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.sync.OutboxStatus;
import org.fieldsafe.client.sync.ShortForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status}: drafts, sealed interviews waiting, and receipts held, without contacting the server. */
@Command(name = "status", description = {
        "Show what this device holds: paused drafts, sealed interviews waiting to be sent (with tries and",
        "the last error), and interviews sent (with the server's receipt time and envelope hash)."})
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
            out.println("sealed, waiting to be sent: " + status.waiting().size());
            for (OutboxStatus.Waiting w : status.waiting()) {
                out.println("  " + w.submissionId() + "  sealed " + w.sealedAt() + "  tries " + w.attempts()
                        + (w.lastError() == null ? "" : "  last error: " + ClientMain.oneLine(w.lastError())));
            }
            out.println("sent: " + status.sent().size());
            for (OutboxStatus.Sent s : status.sent()) {
                out.println("  " + s.submissionId() + "  received " + (s.receivedAt() == null ? "-" : s.receivedAt())
                        + "  envelope " + ShortForm.hash(s.envelopeSha256()));
            }
            out.flush();
        }
        return 0;
    }
}
