package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.sync.SyncService;

/** What enrolled devices download. Every answer carries an ETag; {@code If-None-Match} gives 304. */
@Path("/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {
    private final SyncService sync;

    public SyncResource(SyncService sync) {
        this.sync = sync;
    }

    @GET
    @Path("/manifest")
    @RolesAllowed(Roles.DEVICE)
    public Response manifest(@Auth FieldsafePrincipal device, @Context Request request) {
        return withETag(sync.manifest(device.device()), request);
    }

    @GET
    @Path("/study")
    @RolesAllowed(Roles.DEVICE)
    public Response study(@Auth FieldsafePrincipal device, @Context Request request) {
        return withETag(sync.study(device.device()), request);
    }

    @GET
    @Path("/forms/{form}/versions/{version}")
    @RolesAllowed(Roles.DEVICE)
    public Response form(@Auth FieldsafePrincipal device, @PathParam("form") String form,
                         @PathParam("version") int version, @Context Request request) {
        return withETag(sync.form(device.device(), form, version), request);
    }

    private static Response withETag(SyncService.Document document, Request request) {
        EntityTag tag = new EntityTag(document.sha256());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        return Response.ok(document.body(), MediaType.APPLICATION_JSON_TYPE).tag(tag).build();
    }
}
