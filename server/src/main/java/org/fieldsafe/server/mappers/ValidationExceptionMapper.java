package org.fieldsafe.server.mappers;

import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;
import org.fieldsafe.core.wire.Problem;

/** Bean validation failures (for example a missing body) as 400 problems. */
public class ValidationExceptionMapper implements ExceptionMapper<ValidationException> {
    @Override
    public Response toResponse(ValidationException exception) {
        String detail = "The request is not valid.";
        if (exception instanceof JerseyViolationException violations) {
            detail = violations.getConstraintViolations().stream()
                    .map(ValidationExceptionMapper::describe)
                    .sorted()
                    .collect(Collectors.joining("; "));
        }
        return Problems.response(Problem.of("invalid-request", "Invalid request", 400, detail));
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        String name = dot < 0 ? path : path.substring(dot + 1);
        return ("request".equals(name) ? "request body" : name) + " " + violation.getMessage();
    }
}
