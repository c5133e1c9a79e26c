package org.fieldsafe.server.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.fieldsafe.core.wire.AuditPage;
import org.fieldsafe.core.wire.AuditVerification;
import org.fieldsafe.server.audit.AuditEntries;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.Roles;

/**
 * The audit log for the admin: a page of it, filtered by event and time, and its hash chain, walked on request:
 * intact, or the first entry that breaks it.
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditLog audit;
    private final AuditEntries entries;

    public AuditResource(AuditLog audit, AuditEntries entries) {
        this.audit = audit;
        this.entries = entries;
    }

    /**
     * Entries newest first: {@code event} (exact, or its family: {@code login} is every {@code login.*}),
     * {@code from} / {@code to} (ISO-8601 instants, from inclusive), {@code before} (a sequence number: the page
     * after one whose {@code nextBefore} it is), {@code limit} (1 to 200, default 50).
     */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public AuditPage page(@QueryParam("event") String event, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("before") Long before,
                          @QueryParam("limit") @DefaultValue("50") int limit) {
        return entries.page(new AuditEntries.Query(event, instant("from", from), instant("to", to), before, limit));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name + " must be an ISO-8601 instant such as 2026-03-01T08:00:00Z.");
        }
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.ADMIN)
    public AuditVerification verify() {
        return audit.verify();
    }
}
