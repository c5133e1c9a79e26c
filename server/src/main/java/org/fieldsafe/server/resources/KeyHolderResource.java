package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.fieldsafe.core.wire.KeyGrantRequest;
import org.fieldsafe.core.wire.KeyHolder;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.keys.KeyHolders;

/**
 * Who holds a copy of a study key: listed for the study team; added by an existing holder (who unlocks their own
 * copy for that request); removed by the admin or a holder. Holder rights are checked, and refusals audited, by
 * {@link KeyHolders}.
 */
@Path("/studies/{study}/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyHolderResource {
    private final KeyHolders holders;

    public KeyHolderResource(KeyHolders holders) {
        this.holders = holders;
    }

    @GET
    @Path("/holders")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR,
            Roles.SAFEGUARDING_OFFICER})
    public List<KeyHolder> list(@PathParam("study") String study) {
        return holders.list(study);
    }

    @POST
    @Path("/{purpose}/holders")
    @RolesAllowed(Roles.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                          @PathParam("purpose") String purpose, @NotNull KeyGrantRequest request) {
        try {
            return Response.status(Response.Status.CREATED)
                    .entity(holders.grant(study, purpose, request.user(), request.passphrase(), principal))
                    .header("Cache-Control", "no-store")
                    .build();
        } finally {
            if (request.passphrase() != null) {
                Arrays.fill(request.passphrase(), '\0');
            }
        }
    }

    @DELETE
    @Path("/{purpose}/holders/{user}")
    @RolesAllowed(Roles.PERSON)
    public Response revoke(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                           @PathParam("purpose") String purpose, @PathParam("user") String user) {
        holders.revoke(study, purpose, user, principal);
        return Response.noContent().build();
    }
}
