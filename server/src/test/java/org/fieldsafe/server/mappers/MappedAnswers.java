package org.fieldsafe.server.mappers;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldsafe.core.wire.Problem;

/** What a client would see for an exception a service throws: for tests that call services directly. */
public final class MappedAnswers {
    private MappedAnswers() {
    }

    /** The problem body of {@code failure}'s answer. */
    public static Problem problem(Throwable failure) {
        return (Problem) of(failure).getEntity();
    }

    /** The headers of {@code failure}'s answer but its Content-Type. */
    public static Map<String, String> headers(Throwable failure) {
        Response response = of(failure);
        return response.getHeaders().keySet().stream()
                .filter(name -> !name.equalsIgnoreCase("Content-Type"))
                .collect(Collectors.toMap(name -> name, response::getHeaderString));
    }

    /** The answer of the registered mapper whose exception type is nearest to {@code failure}'s, as in Jersey. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Response of(Throwable failure) {
        assertThat(failure).isNotNull();
        ExceptionMapper nearest = ExceptionMappers.all().stream()
                .filter(mapper -> handled(mapper).isInstance(failure))
                .min(Comparator.comparingInt(mapper -> distance(failure.getClass(), handled(mapper))))
                .orElseThrow();
        return nearest.toResponse(failure);
    }

    private static Class<?> handled(ExceptionMapper<?> mapper) {
        for (Type type : mapper.getClass().getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType() == ExceptionMapper.class) {
                return (Class<?>) p.getActualTypeArguments()[0];
            }
        }
        if (mapper.getClass().getGenericSuperclass() instanceof ParameterizedType p
                && p.getRawType() == DomainExceptionMapper.class) {
            return (Class<?>) p.getActualTypeArguments()[0];
        }
        throw new IllegalStateException(mapper.getClass() + " names no exception type");
    }

    private static int distance(Class<?> from, Class<?> to) {
        int steps = 0;
        for (Class<?> c = from; c != to; c = c.getSuperclass()) {
            steps++;
        }
        return steps;
    }
}
