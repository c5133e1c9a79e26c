package org.fieldsafe.server.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.fieldsafe.core.wire.IdentityRequest;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.export.AudioGrants;
import org.fieldsafe.server.export.StableCodeGrants;

/** The reason codes a principal investigator may give, so that a page offers exactly what the services accept. */
@Path("/reason-codes")
@Produces(MediaType.APPLICATION_JSON)
public class ReasonCodeResource {
    @GET
    @RolesAllowed(Roles.PRINCIPAL_INVESTIGATOR)
    public ReasonCodes list() {
        return new ReasonCodes(IdentityRequest.REASONS, StableCodeGrants.REASONS, AudioGrants.REASONS);
    }

    /**
     * {@code identityReads}: for {@code POST .../identity}; {@code stableCodes}: for a stable-code grant;
     * {@code audioExports}: for an audio grant.
     */
    public record ReasonCodes(List<String> identityReads, List<String> stableCodes, List<String> audioExports) {
    }
}
