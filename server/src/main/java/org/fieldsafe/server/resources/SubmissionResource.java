package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.submissions.SubmissionService;

/** Sealed uploads from enrolled devices: 201 with a signed receipt, 200 with the same receipt for a retry. */
@Path("/submissions")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {
    private final SubmissionService submissions;

    public SubmissionResource(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @PUT
    @Path("/{submissionId}")
    @RolesAllowed(Roles.DEVICE)
    public Response put(@Auth FieldsafePrincipal device, @PathParam("submissionId") String submissionId,
                        @NotNull byte[] body) {
        SubmissionService.Result result = submissions.receive(device, submissionId, body);
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(result.receipt())
                .build();
    }
}
