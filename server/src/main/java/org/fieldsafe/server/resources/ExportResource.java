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
import java.util.List;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.export.ExportJobs;
import org.fieldsafe.server.export.ExportOptions;
import org.fieldsafe.core.wire.AudioGrant;
import org.fieldsafe.core.wire.NewExport;
import org.fieldsafe.server.export.StableCodeGrants;

/**
 * Starting exports (data managers) and granting stable codes for one (principal investigators). Any person may
 * call, so that the services can refuse - and audit - everyone else with 403.
 */
@Path("/studies/{study}/exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExportResource {
    private final ExportJobs jobs;
    private final StableCodeGrants grants;

    public ExportResource(ExportJobs jobs, StableCodeGrants grants) {
        this.jobs = jobs;
        this.grants = grants;
    }

    @POST
    @RolesAllowed(Roles.PERSON)
    public Response start(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                          @NotNull NewExport body) {
        return Response.accepted(jobs.request(principal, study, body)).build();
    }

    @GET
    @Path("/options")
    @RolesAllowed(Roles.DATA_MANAGER)
    public ExportOptions options(@Auth FieldsafePrincipal principal, @PathParam("study") String study) {
        return jobs.options(principal, study);
    }

    @POST
    @Path("/stable-code-grants")
    @RolesAllowed(Roles.PERSON)
    public Response grant(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                          @NotNull GrantRequest body) {
        return Response.status(Response.Status.CREATED).entity(grants.grant(principal, study, body.reason()))
                .build();
    }

    /** The study's grants with their state, newest first. */
    @GET
    @Path("/stable-code-grants")
    @RolesAllowed(Roles.PRINCIPAL_INVESTIGATOR)
    public List<StableCodeGrants.GrantInfo> grants(@PathParam("study") String study) {
        return grants.list(study);
    }

    /** {@code {reason}}: one of {@link StableCodeGrants#REASONS}. */
    public record GrantRequest(String reason) {
    }

    /** A principal investigator lets one user include the study's recordings in QDPX exports (docs/export.md). */
    @POST
    @Path("/audio-grants")
    @RolesAllowed(Roles.PERSON)
    public Response grantAudio(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                               @NotNull AudioGrant.Request body) {
        return Response.status(Response.Status.CREATED).entity(jobs.audioGrants().grant(principal, study,
                body.user(), body.reason(), body.days())).build();
    }

    /** The study's audio grants with their state, newest first. */
    @GET
    @Path("/audio-grants")
    @RolesAllowed(Roles.PRINCIPAL_INVESTIGATOR)
    public List<AudioGrant> audioGrants(@PathParam("study") String study) {
        return jobs.audioGrants().list(study);
    }

    /** Whom the principal investigator may name in an audio grant: the enabled data managers and herself. */
    @GET
    @Path("/audio-grantees")
    @RolesAllowed(Roles.PRINCIPAL_INVESTIGATOR)
    public List<String> audioGrantees(@Auth FieldsafePrincipal principal, @PathParam("study") String study) {
        return jobs.audioGrants().grantees(principal, study);
    }

    @DELETE
    @Path("/audio-grants/{grant}")
    @RolesAllowed(Roles.PERSON)
    public Response revokeAudio(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                                @PathParam("grant") String grant) {
        jobs.audioGrants().revoke(principal, study, grant);
        return Response.noContent().build();
    }
}
