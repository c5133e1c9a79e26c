package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.fieldsafe.server.attachments.AttachmentService;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;

/**
 * Resumable sealed attachments of a stored submission: {@code PUT} a chunk with {@code Content-Range} (204 with
 * {@code Upload-Offset}, 201 with a signed receipt on completion, 200 with the same receipt afterwards);
 * {@code HEAD}/{@code GET} tell the stored length in {@code Upload-Offset}. A chunk is read as it arrives and stored
 * in pieces, so a chunk cut short by a dropped connection keeps the bytes that came; every answer says so with
 * {@code Upload-Chunk-Max} (the largest chunk taken).
 */
@Path("/submissions/{submissionId}/attachments")
@Produces(MediaType.APPLICATION_JSON)
public class AttachmentResource {
    private final AttachmentService attachments;

    public AttachmentResource(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.DEVICE)
    public Response put(@Auth FieldsafePrincipal device, @PathParam("submissionId") String submissionId,
                        @PathParam("name") String name, @HeaderParam("Content-Range") String contentRange,
                        @HeaderParam("Content-Length") String contentLength, InputStream body) {
        AttachmentService.Put put = attachments.put(device, submissionId, name, contentRange,
                length(contentLength), body == null ? InputStream.nullInputStream() : body);
        Response.ResponseBuilder answer = put.receipt() == null ? Response.noContent()
                : Response.status(put.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(put.receipt());
        return answer.header(AttachmentService.UPLOAD_OFFSET, put.offset())
                .header(AttachmentService.UPLOAD_LENGTH, put.length())
                .header(AttachmentService.UPLOAD_CHUNK_MAX, attachments.maxChunkBytes()).build();
    }

    /** {@code Content-Length} as a number; -1 when absent (a chunked body) or not a plain decimal. */
    private static long length(String header) {
        return header != null && header.strip().matches("\\d{1,18}") ? Long.parseLong(header.strip()) : -1;
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.DEVICE)
    public Response get(@Auth FieldsafePrincipal device, @PathParam("submissionId") String submissionId,
                        @PathParam("name") String name) {
        AttachmentService.Progress progress = attachments.progress(device, submissionId, name);
        return Response.ok(progress).header(AttachmentService.UPLOAD_OFFSET, progress.offset())
                .header(AttachmentService.UPLOAD_LENGTH, progress.length())
                .header(AttachmentService.UPLOAD_CHUNK_MAX, attachments.maxChunkBytes()).build();
    }

    @HEAD
    @Path("/{name}")
    @RolesAllowed(Roles.DEVICE)
    public Response head(@Auth FieldsafePrincipal device, @PathParam("submissionId") String submissionId,
                         @PathParam("name") String name) {
        AttachmentService.Progress progress = attachments.progress(device, submissionId, name);
        return Response.ok().header(AttachmentService.UPLOAD_OFFSET, progress.offset())
                .header(AttachmentService.UPLOAD_LENGTH, progress.length())
                .header(AttachmentService.UPLOAD_CHUNK_MAX, attachments.maxChunkBytes()).build();
    }
}
