package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.keys.TranscriptionKeys;

/**
 * The study's transcription key ({@code admin keys transcription}): set once. Its holders claim, share and use it as
 * purpose {@code transcription} of {@code /studies/{study}/keys}; the public key is listed with the study's keys.
 */
@Path("/studies/{study}/transcription-key")
@Produces(MediaType.APPLICATION_JSON)
public class TranscriptionKeyResource {
    private final TranscriptionKeys keys;

    public TranscriptionKeyResource(TranscriptionKeys keys) {
        this.keys = keys;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PRINCIPAL_INVESTIGATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                           @NotNull StudyKeysRequest.Key request) {
        return Response.status(Response.Status.CREATED).entity(keys.create(principal.actor(), study, request)).build();
    }
}
