package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.keys.OdkKeys;
import org.fieldsafe.server.problems.ProblemException;

/**
 * The study's RSA key for ODK-encrypted submissions ({@code admin keys odk}): set once, listed for the study team.
 * Its holders claim, share and use it as purpose {@code odk} of {@code /studies/{study}/keys}.
 */
@Path("/studies/{study}/odk-key")
@Produces(MediaType.APPLICATION_JSON)
public class OdkKeyResource {
    private final OdkKeys keys;

    public OdkKeyResource(OdkKeys keys) {
        this.keys = keys;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PRINCIPAL_INVESTIGATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                           @NotNull StudyKeysRequest.Key request) {
        return Response.status(Response.Status.CREATED).entity(keys.create(principal.actor(), study, request)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR})
    public Manifest.StudyKey get(@PathParam("study") String study) {
        return keys.publicKey(study).orElseThrow(() -> ProblemException.notFound("odk-key-missing", "No ODK key",
                "The study has no ODK key yet (admin keys odk)."));
    }
}
