package org.fieldsafe.server.mappers;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/** The one place where every exception mapper is registered. */
public final class ExceptionMappers {
    private ExceptionMappers() {
    }

    public static void register(JerseyEnvironment jersey) {
        all().forEach(jersey::register);
    }

    /** Every mapper; Jersey answers an exception with the one whose type is nearest to it. */
    public static List<ExceptionMapper<?>> all() {
        return List.of(
                new ProblemExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new JsonProcessingExceptionMapper(),
                new ValidationExceptionMapper(),
                new CatchAllExceptionMapper());
    }
}
