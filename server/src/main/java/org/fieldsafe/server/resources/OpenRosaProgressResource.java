package org.fieldsafe.server.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.fieldsafe.core.wire.OpenRosaProgress;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.openrosa.OpenRosaSubmissions;

/** The study's ODK Collect submissions beside the progress table: counts per site and state, and what they lack. */
@Path("/studies/{study}/openrosa/progress")
@Produces(MediaType.APPLICATION_JSON)
public class OpenRosaProgressResource {
    private final OpenRosaSubmissions submissions;

    public OpenRosaProgressResource(OpenRosaSubmissions submissions) {
        this.submissions = submissions;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR})
    public OpenRosaProgress progress(@PathParam("study") String study) {
        return submissions.progress(study);
    }
}
