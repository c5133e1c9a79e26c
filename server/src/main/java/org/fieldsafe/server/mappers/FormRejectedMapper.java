package org.fieldsafe.server.mappers;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.problems.ProblemListException;

/**
 * 422 {@code form-invalid}: the detail lists every problem one per line ({@code file:line: field: message}), and the
 * extension member {@code errors} gives them one by one as {@code {file, line, field, message}} so that a page can
 * show each with a link to its field.
 */
final class FormRejectedMapper extends DomainExceptionMapper<ProblemListException> {
    /** The titles of the other problems that carry {@code errors} (ProblemListException; form-invalid's is the default). */
    private static final Map<String, String> TITLES = Map.of("translation-invalid", "Translation not valid",
            "invalid-directory", "Invalid referral directory");

    FormRejectedMapper() {
        super(422, "Form not valid");
    }

    /** The problem body with its {@code errors}; left out when the exception has no problems with lines. */
    record FormProblemBody(String type, String title, int status, String detail,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FormProblem> errors) {
    }

    @Override
    public Response toResponse(ProblemListException exception) {
        Problem problem = problem(exception);
        String title = TITLES.get(exception.slug());
        if (title != null) {
            problem = Problem.of(exception.slug(), title, problem.status(), problem.detail());
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(new FormProblemBody(problem.type(), problem.title(), problem.status(), problem.detail(),
                        exception.problems()))
                .build();
    }
}
