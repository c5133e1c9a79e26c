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
import java.util.List;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.keys.StudyKeyService;

/** A study's keys: set once by {@code admin keys init}; public keys and fingerprints for the study team. */
@Path("/studies/{study}/keys")
@Produces(MediaType.APPLICATION_JSON)
public class StudyKeyResource {
    private final StudyKeyService keys;

    public StudyKeyResource(StudyKeyService keys) {
        this.keys = keys;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PRINCIPAL_INVESTIGATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                           @NotNull StudyKeysRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(keys.create(principal.actor(), study, request))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR,
            Roles.SAFEGUARDING_OFFICER})
    public List<Manifest.StudyKey> list(@PathParam("study") String study) {
        return keys.publicKeys(study);
    }
}
