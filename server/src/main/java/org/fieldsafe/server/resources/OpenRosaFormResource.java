package org.fieldsafe.server.resources;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.openrosa.AppUsers;
import org.fieldsafe.server.openrosa.OpenRosaForms;
import org.fieldsafe.server.openrosa.OpenRosaResponses;
import org.fieldsafe.server.openrosa.OpenRosaXml;
import org.fieldsafe.server.problems.ProblemException;

/**
 * OpenRosa form list API for ODK Collect: the form list, each XForm and its manifest and media (the site's referral
 * directory as CSV). Roles: an enumerator's device only, as its ODK app user (HTTP Basic, {@link AppUsers});
 * {@code @PermitAll} only keeps the bearer-token filter off these routes.
 */
@Path("/openrosa/studies/{study}")
@OpenRosaVersion
public class OpenRosaFormResource {
    private final AppUsers appUsers;
    private final OpenRosaForms forms;

    public OpenRosaFormResource(AppUsers appUsers, OpenRosaForms forms) {
        this.appUsers = appUsers;
        this.forms = forms;
    }

    @GET
    @Path("/formList")
    @PermitAll
    public Response formList(@Context HttpServletRequest request, @Context UriInfo uri,
                             @PathParam("study") String study) {
        FieldsafePrincipal device = authenticate(request, study);
        String base = formsBase(uri, study);
        List<OpenRosaXml.Entry> entries = forms.list(study, device.device().site()).stream()
                .map(f -> new OpenRosaXml.Entry(f, base + f.formId() + "/form.xml", base + f.formId() + "/manifest"))
                .toList();
        return xml(OpenRosaXml.formList(entries));
    }

    @GET
    @Path("/forms/{form}/form.xml")
    @PermitAll
    public Response form(@Context HttpServletRequest request, @PathParam("study") String study,
                         @PathParam("form") String formId) {
        FieldsafePrincipal device = authenticate(request, study);
        return xml(forms.form(study, device.device().site(), formId).xml());
    }

    @GET
    @Path("/forms/{form}/manifest")
    @PermitAll
    public Response manifest(@Context HttpServletRequest request, @Context UriInfo uri,
                             @PathParam("study") String study, @PathParam("form") String formId) {
        FieldsafePrincipal device = authenticate(request, study);
        forms.form(study, device.device().site(), formId);
        OpenRosaForms.Media csv = forms.directoryCsv(study, device.device().site());
        return xml(OpenRosaXml.manifest(List.of(new OpenRosaXml.MediaEntry(csv,
                formsBase(uri, study) + formId + "/media/" + csv.fileName()))));
    }

    @GET
    @Path("/forms/{form}/media/{file}")
    @PermitAll
    public Response media(@Context HttpServletRequest request, @PathParam("study") String study,
                          @PathParam("form") String formId, @PathParam("file") String file) {
        FieldsafePrincipal device = authenticate(request, study);
        forms.form(study, device.device().site(), formId);
        if (!OpenRosaForms.DIRECTORY_CSV.equals(file)) {
            throw ProblemException.notFound("Media file");
        }
        return Response.ok(forms.directoryCsv(study, device.device().site()).content(), "text/csv; charset=utf-8")
                .header("Cache-Control", "no-store").build();
    }

    private static String formsBase(UriInfo uri, String study) {
        return uri.getBaseUriBuilder().path("openrosa").path("studies").path(study).path("forms").build()
                + "/";
    }

    private static Response xml(byte[] body) {
        return Response.ok(body, OpenRosaResponses.XML).header("Cache-Control", "no-store").build();
    }

    private FieldsafePrincipal authenticate(HttpServletRequest request, String study) {
        return appUsers.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), request.isSecure(),
                request.getRemoteAddr(), study);
    }
}
