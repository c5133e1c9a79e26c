package org.fieldsafe.client.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldsafe.client.sync.Json;

/**
 * Reading and answering exchanges: size-limited JSON bodies read strictly (an unknown field is an error), JSON and
 * {@code application/problem+json} answers, each with the app's security headers.
 */
final class Exchanges {
    /** The largest request body the app reads; a field app's form posts are a few hundred bytes. */
    static final int MAX_BODY = 16 * 1024;

    private Exchanges() {
    }

    /** A request the app refuses, answered as a problem; nothing was changed. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;

        Refused(int status, String type, String detail) {
            super(detail);
            this.status = status;
            this.type = type;
        }
    }

    /** The JSON body as {@code type}, read strictly; too large, not JSON or of the wrong shape is refused. */
    static <T> T body(HttpExchange exchange, Class<T> type) throws Refused, IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Refused(415, "unsupported-media-type", "send the request body as application/json");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > MAX_BODY) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new Refused(400, "bad-request", "the Content-Length header is not a number");
            }
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw tooLarge();
        }
        try {
            T value = reader(type).readValue(bytes);
            if (value == null) {
                throw new Refused(400, "malformed-json", "the request body is empty or null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new Refused(400, "malformed-json", "the request body is not the JSON this call expects ("
                    + e.getOriginalMessage().lines().findFirst().orElse("unreadable") + ")");
        }
    }

    private static Refused tooLarge() {
        return new Refused(413, "body-too-large", "the request body is larger than " + MAX_BODY + " bytes");
    }

    private static ObjectReader reader(Class<?> type) {
        return Json.mapper().readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", Json.mapper().writeValueAsBytes(value));
    }

    /** An RFC 9457 problem with a stable type, a title and a detail fit to show a person. */
    static void problem(HttpExchange exchange, int status, String type, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:fieldsafe:app:" + type);
        problem.put("title", type.replace('-', ' '));
        problem.put("status", status);
        problem.put("detail", detail);
        send(exchange, status, "application/problem+json; charset=utf-8", Json.mapper().writeValueAsBytes(problem));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        SecurityHeaders.apply(exchange.getResponseHeaders());
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
