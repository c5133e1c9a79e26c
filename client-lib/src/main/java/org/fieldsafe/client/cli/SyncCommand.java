package org.fieldsafe.client.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncOptions;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.SyncResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sync}: pushes the sealed interviews in the outbox, then their sealed recordings, to the server. */
@Command(name = "sync", description = {
        "Send the sealed interviews waiting on this device to the server, then their sealed recordings in",
        "resumable chunks, retrying with backoff when the connection fails. Each sealed copy is deleted only",
        "once the server's signed receipt for exactly those bytes verifies; refused ones stay (see 'status')."})
final class SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "6",
            description = "Tries per interview, and per recording chunk, in this run (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--max-time", paramLabel = "SECONDS", defaultValue = "600",
            description = "Stop retrying after this long (default: ${DEFAULT-VALUE}).")
    long maxSeconds;

    @Override
    public Integer call() throws ClientException {
        if (attempts < 1 || maxSeconds < 1) {
            throw new ClientException(Reason.USAGE, "--attempts and --max-time must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        SyncOptions defaults = SyncOptions.defaults();
        SyncOptions options = new SyncOptions(defaults.parallelism(), attempts, defaults.baseDelay(),
                defaults.maxDelay(), Duration.ofSeconds(maxSeconds), defaults.clock(), defaults.jitter());
        try (FieldsafeClient client = home.openExisting(spec)) {
            SyncResult result = client.sync(new Printer(out), options);
            if (result.outcomes().isEmpty()) {
                out.println("nothing to send");
            } else {
                out.println(summary(result));
            }
            out.flush();
            if (result.stopped().isPresent()) {
                throw result.stopped().get();
            }
            if (!result.complete()) {
                throw new ClientException(Reason.REJECTED, stillWaiting(result)
                        + " still waiting on this device; see: fieldsafe client status");
            }
        }
        return 0;
    }

    /** E.g. {@code 2 sent, 0 interviews waiting, 1 attachment waiting}; attachments only when the run had any. */
    private static String summary(SyncResult result) {
        return result.sent() + " sent, " + interviews(result.interviewsWaiting()) + " waiting"
                + (result.attachments().isEmpty() ? "" : ", " + attachments(result.attachmentsWaiting()) + " waiting")
                + (result.withdrawn() > 0 ? ", " + result.withdrawn() + " withdrawn" : "");
    }

    /** E.g. {@code 1 interview and 2 attachments}, leaving out a kind with nothing waiting. */
    private static String stillWaiting(SyncResult result) {
        long interviews = result.interviewsWaiting();
        long attachments = result.attachmentsWaiting();
        if (attachments == 0) {
            return interviews(interviews);
        }
        return interviews == 0 ? attachments(attachments) : interviews(interviews) + " and " + attachments(attachments);
    }

    static String interviews(long n) {
        return n + (n == 1 ? " interview" : " interviews");
    }

    private static String attachments(long n) {
        return n + (n == 1 ? " attachment" : " attachments");
    }

    /** Prints one line per envelope and attachment as it settles, each stored attachment chunk, and each retry. */
    private static final class Printer implements SyncProgress {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void sending(int count) {
            out.println("sending " + interviews(count) + "...");
            out.flush();
        }

        @Override
        public synchronized void retrying(String submissionId, int attempt, Duration pause, String reason) {
            out.println("  " + submissionId + " try " + attempt + " failed (" + ClientMain.oneLine(reason)
                    + "); retrying in " + seconds(pause));
            out.flush();
        }

        @Override
        public synchronized void settled(Outcome o, int done, int total) {
            out.println("  [" + done + "/" + total + "] " + o.submissionId() + " " + describe(o));
            out.flush();
        }

        @Override
        public synchronized void sendingAttachments(int count) {
            out.println("sending " + attachments(count) + "...");
            out.flush();
        }

        @Override
        public synchronized void uploaded(String attachment, long sent, long total) {
            long percent = total == 0 ? 100 : sent * 100 / total;
            out.println("  " + attachment + " " + sent + " of " + total + " bytes stored (" + percent + "%)");
            out.flush();
        }

        @Override
        public synchronized void attachmentSettled(Outcome o, int done, int total) {
            settled(o, done, total);
        }

        private static String describe(Outcome o) {
            return switch (o.kind()) {
                case SENT -> "sent, receipt " + o.receivedAt();
                case ALREADY_RECEIVED -> "already on the server, receipt " + o.receivedAt();
                case WITHDRAWN -> "deleted: respondent withdrew";
                case REJECTED -> "kept, refused: " + ClientMain.oneLine(o.message());
                case INTEGRITY -> "kept, INTEGRITY ERROR: " + ClientMain.oneLine(o.message());
                case WAITING -> "kept, not sent: " + ClientMain.oneLine(o.message());
                case NOT_TRIED -> "kept, not tried";
            };
        }

        private static String seconds(Duration d) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
    }
}
