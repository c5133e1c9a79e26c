package org.fieldsafe.server.audit;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.AuditVerification;

/** Admin-port task {@code POST /tasks/verify-audit}: walks the audit hash chain and reports the result. */
public class VerifyAuditTask extends Task {
    private final AuditLog audit;

    public VerifyAuditTask(AuditLog audit) {
        super("verify-audit");
        this.audit = audit;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        AuditVerification result = audit.verify();
        if (result.intact()) {
            output.println("Audit log intact: " + result.entries() + " entries");
        } else {
            output.println("Audit log BROKEN at entry " + result.brokenAt() + " (" + result.entries()
                    + " entries verified before it)");
        }
        output.println("Protection: " + result.protection());
    }
}
