package org.fieldsafe.server.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.core.wire.ProgressTimeline;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.submissions.ProgressService;

/** Interviews received per site x category against the study's targets. */
@Path("/studies/{study}/progress")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {
    private final ProgressService progress;

    public ProgressResource(ProgressService progress) {
        this.progress = progress;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR})
    public Progress progress(@PathParam("study") String study) {
        return progress.progress(study);
    }

    @GET
    @Path("/timeline")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR})
    public ProgressTimeline timeline(@PathParam("study") String study, @QueryParam("bucket") String bucket) {
        return progress.timeline(study, bucket);
    }
}
