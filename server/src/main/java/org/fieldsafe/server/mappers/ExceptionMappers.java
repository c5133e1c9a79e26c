package org.fieldsafe.server.mappers;

import io.dropwizard.jersey.setup.JerseyEnvironment;

/** The one place where every exception mapper is registered. */
public final class ExceptionMappers {
    private ExceptionMappers() {
    }

    public static void register(JerseyEnvironment jersey) {
        jersey.register(new ProblemExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new JsonProcessingExceptionMapper());
        jersey.register(new ValidationExceptionMapper());
        jersey.register(new CatchAllExceptionMapper());
    }
}
