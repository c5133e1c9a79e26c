package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.concurrent.CompletableFuture;
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
                    @Context HttpHeaders headers, @Context HttpServletRequest servletRequest, InputStream body,
                    @Suspended AsyncResponse response) {
        // Read and validated here, on the request thread; a valid upload then waits for its commit without holding
        // a thread: the writer's answer threads sign the receipt and resume the response. The receipt timeout is
        // the service's (ReceiptDeadlines), not a timer per response. Every path ends in exactly one resume:
        // a suspended response never resumed would stay open for good (and hold up a graceful stop).
        CompletableFuture<SubmissionService.Result> answer = received(servletRequest);
        try {
            if (answer == null) {
                answer = submissions.receiveAsync(device, submissionId, read(body, headers.getLength()));
            }
        } catch (IOException | RuntimeException e) {
            resume(response, servletRequest, e);
            return;
        }
        answer.whenComplete((result, failure) -> resume(response, servletRequest, failure != null
                ? SubmissionService.problemOf(failure)
                : Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(result.receipt())
                        .build()));
    }

    /**
     * The answer to an upload {@link SubmissionUploadFilter} received before Jersey and hands on here because it
     * was refused after the writer (409, 410, 503): Jersey's mappers write the problem. Null for any other request.
     */
    @SuppressWarnings("unchecked")
    private static CompletableFuture<SubmissionService.Result> received(HttpServletRequest request) {
        return request.getAttribute(SubmissionUploadFilter.ANSWER) instanceof CompletableFuture<?> answer
                ? (CompletableFuture<SubmissionService.Result>) answer : null;
    }

    /** Resumes with {@code answer} (a response, or an exception for the mappers), then ends the cycle. */
    private static void resume(AsyncResponse response, HttpServletRequest request, Object answer) {
        try {
            if (answer instanceof Throwable failure) {
                response.resume(failure);
            } else {
                response.resume(answer);
            }
        } finally {
            complete(request);
        }
    }

    /**
     * Ends the request's asynchronous cycle if writing the answer did not (resume writes it on this thread). When
     * the device has gone away meanwhile, the write fails and Jersey leaves the cycle open: without this, each such
     * upload would stay an open request for good, and a graceful stop would wait for it.
     */
    private static void complete(HttpServletRequest request) {
        try {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().complete();
            }
        } catch (IllegalStateException e) {
            // completed meanwhile: nothing left to do
        }
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
