package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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
    public void put(@Auth FieldsafePrincipal device, @PathParam("submissionId") String submissionId,
                    @Context HttpHeaders headers, InputStream body, @Suspended AsyncResponse response)
            throws IOException {
        byte[] bytes = read(body, headers.getLength());
        // Validation problems are thrown here, on the request thread. A valid upload waits for its commit without
        // holding a thread: the writer's answer threads sign the receipt and resume the response.
        // The receipt timeout is the service's (ReceiptDeadlines), not a timer per response.
        submissions.receiveAsync(device, submissionId, bytes).whenComplete((result, failure) -> {
            if (failure != null) {
                response.resume(SubmissionService.problemOf(failure));
            } else {
                response.resume(Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(result.receipt())
                        .build());
            }
        });
    }

    /**
     * The body in one array of its declared length (the size limit filter has already refused a longer
     * {@code Content-Length}); a body without one (chunked) is read to its end, the filter still bounding it.
     */
    static byte[] read(InputStream body, int contentLength) throws IOException {
        if (contentLength < 0) {
            return body.readAllBytes();
        }
        byte[] bytes = new byte[contentLength];
        int n = body.readNBytes(bytes, 0, contentLength);
        return n == contentLength ? bytes : Arrays.copyOf(bytes, n);
    }
}
