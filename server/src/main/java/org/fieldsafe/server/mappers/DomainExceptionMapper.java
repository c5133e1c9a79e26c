package org.fieldsafe.server.mappers;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.function.Function;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.problems.DomainException;

/**
 * Answers one kind of {@link DomainException}: the status and title are the mapper's, the slug, detail and the
 * data for headers the exception's. Made as a subclass naming the exception type (see {@link ExceptionMappers}),
 * which is how Jersey finds the mapper nearest to an exception.
 */
public abstract class DomainExceptionMapper<E extends DomainException> implements ExceptionMapper<E> {
    private final int status;
    private final String title;
    private final Function<E, Map<String, String>> headers;

    protected DomainExceptionMapper(int status, String title) {
        this(status, title, exception -> Map.of());
    }

    /** {@code headers}: the answer's headers from the exception's data (a Retry-After, an offset). */
    protected DomainExceptionMapper(int status, String title, Function<E, Map<String, String>> headers) {
        this.status = status;
        this.title = title;
        this.headers = headers;
    }

    @Override
    public Response toResponse(E exception) {
        return Problems.response(problem(exception), headers.apply(exception));
    }

    protected Problem problem(E exception) {
        return Problem.of(exception.slug(), title, status, exception.detail());
    }

    static Map<String, String> retryAfter(long seconds) {
        return Map.of("Retry-After", Long.toString(seconds));
    }
}
