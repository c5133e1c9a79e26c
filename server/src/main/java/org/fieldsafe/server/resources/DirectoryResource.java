package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.directory.DirectoryEditor;

/** A site's referral directory: read and edited by coordinators, checked for unconfirmed or stale entries. */
@Path("/studies/{study}/sites/{site}/directory")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {
    private final DirectoryEditor directories;

    public DirectoryResource(DirectoryEditor directories) {
        this.directories = directories;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.SAFEGUARDING_OFFICER, Roles.PRINCIPAL_INVESTIGATOR})
    public DirectoryEditor.View get(@PathParam("study") String study, @PathParam("site") String site) {
        return directories.get(study, site);
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    public DirectoryEditor.View put(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                                    @PathParam("site") String site, String body) {
        return directories.update(principal.actor(), study, site, body);
    }

    @GET
    @Path("/report")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.SAFEGUARDING_OFFICER, Roles.PRINCIPAL_INVESTIGATOR})
    public DirectoryEditor.Report report(@PathParam("study") String study, @PathParam("site") String site,
                                         @QueryParam("max_age_days") Integer maxAgeDays) {
        return directories.report(study, site, maxAgeDays);
    }
}
