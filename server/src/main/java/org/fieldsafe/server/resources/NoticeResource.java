package org.fieldsafe.server.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.fieldsafe.core.wire.Notice;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.notices.Notices;

/** A study's coordinator notices (e.g. an upload refused for a respondent who withdrew before it synced). */
@Path("/studies/{study}/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {
    private final Notices notices;

    public NoticeResource(Notices notices) {
        this.notices = notices;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.PRINCIPAL_INVESTIGATOR})
    public List<Notice> list(@PathParam("study") String study) {
        return notices.list(study);
    }
}
