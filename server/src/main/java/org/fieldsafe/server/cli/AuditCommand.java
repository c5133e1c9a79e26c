package org.fieldsafe.server.cli;

import org.fieldsafe.core.wire.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code admin audit verify}: walks the audit log's hash chain on the server and names the first broken entry. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the audit log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {
    @ParentCommand
    private AdminCli admin;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the audit log's hash chain; exits non-zero and names the first broken entry.")
    static final class Verify implements Runnable {
        @ParentCommand
        private AuditCommand audit;

        @Override
        public void run() {
            ApiClient client = audit.admin.client();
            AuditVerification result = client.get("/audit/verify",
                    client.json().constructType(AuditVerification.class));
            if (!result.intact()) {
                throw new CliException("Audit log BROKEN at entry " + result.brokenAt() + " (" + result.entries()
                        + " entries verified before it); protection: " + result.protection());
            }
            audit.admin.out.println("Audit log intact: " + result.entries() + " entries");
            audit.admin.out.println("Protection: " + result.protection());
        }
    }
}
