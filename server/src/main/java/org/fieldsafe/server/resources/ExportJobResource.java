package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.export.ExportJobView;
import org.fieldsafe.server.export.ExportJobs;
import org.fieldsafe.server.export.ExportReviews;

/**
 * An export job's state and files, for the data manager who started it; the review of a held export (its text
 * scan's replacements, decisions, release).
 */
@Path("/exports/{id}")
public class ExportJobResource {
    private final ExportJobs jobs;

    public ExportJobResource(ExportJobs jobs) {
        this.jobs = jobs;
    }

    @GET
    @RolesAllowed(Roles.DATA_MANAGER)
    @Produces(MediaType.APPLICATION_JSON)
    public ExportJobView status(@Auth FieldsafePrincipal principal, @PathParam("id") String id) {
        return jobs.status(principal, id);
    }

    @GET
    @Path("/files/{name}")
    @RolesAllowed(Roles.DATA_MANAGER)
    public Response file(@Auth FieldsafePrincipal principal, @PathParam("id") String id,
                         @PathParam("name") String name) {
        InputStream in = jobs.file(principal, id, name);
        StreamingOutput body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, mediaType(name))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    @GET
    @Path("/review")
    @RolesAllowed(Roles.DATA_MANAGER)
    @Produces(MediaType.APPLICATION_JSON)
    public Response review(@Auth FieldsafePrincipal principal, @PathParam("id") String id) {
        return noStore(jobs.reviews().review(principal, id));
    }

    @POST
    @Path("/review/decisions")
    @RolesAllowed(Roles.DATA_MANAGER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@Auth FieldsafePrincipal principal, @PathParam("id") String id,
                           ExportReviews.Decision body) {
        return noStore(jobs.reviews().decide(principal, id, body));
    }

    @POST
    @Path("/release")
    @RolesAllowed(Roles.DATA_MANAGER)
    @Produces(MediaType.APPLICATION_JSON)
    public ExportJobView release(@Auth FieldsafePrincipal principal, @PathParam("id") String id) {
        jobs.reviews().release(principal, id);
        return jobs.status(principal, id);
    }

    /** The review shows original values: never cached. */
    private static Response noStore(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }

    private static String mediaType(String name) {
        if (name.endsWith(".csv")) {
            return "text/csv; charset=UTF-8";
        }
        if (name.endsWith(".md")) {
            return "text/markdown; charset=UTF-8";
        }
        if (name.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        if (name.endsWith(".json")) {
            return MediaType.APPLICATION_JSON;
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }
}
