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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.fieldsafe.core.wire.TranslationChanges;
import org.fieldsafe.core.wire.TranslationCoverageRow;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.forms.TranslationService;
import org.fieldsafe.server.problems.ProblemException;

/** Translation coverage and the translator round trip (template, preview, apply) for coordinators. */
@Path("/studies/{study}/translations")
@Produces(MediaType.APPLICATION_JSON)
public class TranslationResource {
    private static final String CSV = "text/csv";
    private static final String XLIFF = "application/xliff+xml";
    private static final String VERSION_PATH = "/{form}/versions/{version}/{language}";

    private final TranslationService translations;

    public TranslationResource(TranslationService translations) {
        this.translations = translations;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public List<TranslationCoverageRow> coverage(@PathParam("study") String study) {
        return translations.coverage(study);
    }

    @GET
    @Path(VERSION_PATH)
    @Produces({CSV, XLIFF})
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public Response template(@PathParam("study") String study, @PathParam("form") String form,
                             @PathParam("version") int version, @PathParam("language") String language,
                             @QueryParam("format") String format) {
        TranslationService.Format f = format(format);
        String text = translations.template(study, form, version, language, f);
        String extension = f == TranslationService.Format.CSV ? "csv" : "xlf";
        return Response.ok(text, f == TranslationService.Format.CSV ? CSV + "; charset=utf-8" : XLIFF + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + form + "-v" + version + "-"
                        + language + "." + extension + "\"")
                .build();
    }

    @POST
    @Path(VERSION_PATH + "/preview")
    @Consumes({CSV, XLIFF, "application/xml", "text/xml"})
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public TranslationChanges preview(@PathParam("study") String study, @PathParam("form") String form,
                                      @PathParam("version") int version, @PathParam("language") String language,
                                      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                      @QueryParam("state") String state,
                                      @HeaderParam(HttpHeaders.CONTENT_DISPOSITION) String disposition,
                                      @NotNull String body) {
        return translations.preview(study, form, version, language, upload(contentType, body, state, disposition));
    }

    @POST
    @Path(VERSION_PATH)
    @Consumes({CSV, XLIFF, "application/xml", "text/xml"})
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public Response apply(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                          @PathParam("form") String form, @PathParam("version") int version,
                          @PathParam("language") String language,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @QueryParam("state") String state,
                          @HeaderParam(HttpHeaders.CONTENT_DISPOSITION) String disposition, @NotNull String body) {
        TranslationService.Applied applied = translations.apply(principal.actor(), study, form, version, language,
                upload(contentType, body, state, disposition));
        return Response.status(applied.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(applied.changes()).build();
    }

    private static TranslationService.Upload upload(String contentType, String body, String state,
                                                    String disposition) {
        boolean csv = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(CSV);
        return new TranslationService.Upload(csv ? TranslationService.Format.CSV : TranslationService.Format.XLIFF,
                body, state, StudyResource.fileName(disposition));
    }

    private static TranslationService.Format format(String format) {
        if (format == null || format.isBlank() || format.equals("csv")) {
            return TranslationService.Format.CSV;
        }
        if (format.equals("xliff")) {
            return TranslationService.Format.XLIFF;
        }
        throw ProblemException.invalidField("format-invalid", "Format not valid", "format");
    }
}
