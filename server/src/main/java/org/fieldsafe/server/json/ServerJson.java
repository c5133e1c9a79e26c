package org.fieldsafe.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dropwizard.jackson.Jackson;

/**
 * The server's Jackson mappers, built in one place (core's {@code JsonMappers} has the shared kinds): the API's,
 * which the application configures Dropwizard's with and tests use to read and write bodies, and the strict one
 * uploaded envelopes are parsed with.
 */
public final class ServerJson {
    private ServerJson() {
    }

    /** The API's mapper: Dropwizard's modules, instants as ISO-8601 text (2026-03-01T08:00:00Z). */
    public static ObjectMapper api() {
        return configureApi(Jackson.newObjectMapper());
    }

    /** Configures Dropwizard's own mapper (the application's bootstrap) as {@link #api()}. */
    public static ObjectMapper configureApi(ObjectMapper mapper) {
        return mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * Uploaded envelopes: duplicate keys, trailing tokens, unknown properties, nulls for primitives, floats for
     * integers and coerced scalars are all refused.
     */
    public static ObjectMapper envelope() {
        return JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }
}
