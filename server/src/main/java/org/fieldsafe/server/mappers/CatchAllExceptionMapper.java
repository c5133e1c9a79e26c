package org.fieldsafe.server.mappers;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.fieldsafe.core.wire.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unexpected: logged with an error id; the client sees only the id. */
public class CatchAllExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(CatchAllExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        if (RequestSizeLimitFilter.TooLarge.causedBy(exception)) {
            return Problems.response(Problems.forStatus(413));
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("Unexpected error {}", errorId, exception);
        return Problems.response(Problem.of("internal-error", "Internal server error", 500,
                "Something went wrong on the server (error id " + errorId + ")."));
    }
}
