package org.fieldsafe.server.mappers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;
import org.fieldsafe.core.wire.Problem;

/**
 * Unreadable JSON bodies: malformed JSON, or a field of the wrong type. The detail names the field, never the
 * value (which may be a secret).
 */
public class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException exception) {
        if (RequestSizeLimitFilter.TooLarge.causedBy(exception)) {
            return RequestSizeLimitFilter.refusal(exception);
        }
        if (exception instanceof JsonParseException || !(exception instanceof JsonMappingException mapping)) {
            return Problems.response(Problem.of("malformed-json", "Malformed JSON", 400,
                    "The request body is not valid JSON."));
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String detail;
        if (exception instanceof UnrecognizedPropertyException) {
            detail = "Unknown field '" + field + "'.";
        } else if (field.isEmpty()) {
            detail = "The request body does not have the expected shape.";
        } else {
            detail = "Field '" + field + "' has the wrong type.";
        }
        return Problems.response(Problem.of("invalid-json", "Invalid request body", 400, detail));
    }
}
