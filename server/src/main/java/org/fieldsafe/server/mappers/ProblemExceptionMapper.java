package org.fieldsafe.server.mappers;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.fieldsafe.server.problems.ProblemException;

/** Domain failures: their own problem, status and headers. */
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException exception) {
        return Problems.response(exception.problem(), exception.headers());
    }
}
