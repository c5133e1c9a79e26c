package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.fieldsafe.core.wire.IdentityRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.identity.IdentityService;

/**
 * A submission's identity part, for principal investigators. Every signed-in caller gets past {@code @RolesAllowed}
 * so that {@link IdentityService} can audit the refusals of other roles as well as the reads.
 */
@Path("/studies/{study}/submissions/{submission}/identity")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityResource {
    private final IdentityService identities;

    public IdentityResource(IdentityService identities) {
        this.identities = identities;
    }

    @POST
    @RolesAllowed({Roles.PERSON, Roles.DEVICE})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response read(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                         @PathParam("submission") String submission, IdentityRequest request) {
        try {
            return Response.ok(identities.read(principal, study, submission, request))
                    .header("Cache-Control", "no-store")
                    .build();
        } finally {
            if (request != null && request.passphrase() != null) {
                Arrays.fill(request.passphrase(), '\0');
            }
        }
    }
}
