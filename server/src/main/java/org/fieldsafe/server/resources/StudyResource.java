package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.core.wire.StudyInfo;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.forms.FormService;
import org.fieldsafe.server.forms.StudyOutline;
import org.fieldsafe.server.storage.FormVersionRow;

/** Studies and their form versions, for the study team. */
@Path("/studies")
@Produces(MediaType.APPLICATION_JSON)
public class StudyResource {
    private static final Pattern FILE_NAME =
            Pattern.compile("filename=\"?([^\";]+)\"?");
    private final FormService forms;

    public StudyResource(FormService forms) {
        this.forms = forms;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR,
            Roles.SAFEGUARDING_OFFICER, Roles.TRANSCRIBER})
    public List<StudyInfo> studies() {
        return forms.studies();
    }

    @GET
    @Path("/{study}/outline")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public StudyOutline outline(@PathParam("study") String study) {
        return forms.outline(study);
    }

    @GET
    @Path("/{study}/forms")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR})
    public List<FormVersionInfo> forms(@PathParam("study") String study) {
        return forms.forms(study);
    }

    @GET
    @Path("/{study}/forms/{form}/versions/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR})
    public Response form(@PathParam("study") String study, @PathParam("form") String form,
                         @PathParam("version") int version) {
        FormVersionRow row = forms.version(study, form, version);
        return Response.ok(row.canonicalJson().getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_TYPE)
                .tag(row.sha256())
                .build();
    }

    @POST
    @Path("/{study}/forms")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    public Response upload(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                           @HeaderParam("Content-Disposition") String disposition, @NotNull String yaml) {
        FormService.Upload upload = forms.upload(principal.actor(), study, yaml, fileName(disposition));
        return Response.status(upload.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(upload.info())
                .build();
    }

    /**
     * The {@code filename} of a {@code Content-Disposition} header (null when none); the service keeps it only when
     * it is a plain file name.
     */
    static String fileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        Matcher m = FILE_NAME.matcher(disposition);
        return m.find() ? m.group(1).trim() : null;
    }

    @POST
    @Path("/{study}/forms/{form}/versions/{version}/publish")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public FormVersionInfo publish(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                                   @PathParam("form") String form, @PathParam("version") int version) {
        return forms.publish(principal.actor(), study, form, version);
    }

    @POST
    @Path("/{study}/forms/{form}/versions/{version}/retire")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public FormVersionInfo retire(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                                  @PathParam("form") String form, @PathParam("version") int version) {
        return forms.retire(principal.actor(), study, form, version);
    }
}
