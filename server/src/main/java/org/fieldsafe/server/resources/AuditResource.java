package org.fieldsafe.server.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.fieldsafe.core.wire.AuditVerification;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.Roles;

/** The audit log's hash chain, walked on request: intact, or the first entry that breaks it. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.ADMIN)
    public AuditVerification verify() {
        return audit.verify();
    }
}
