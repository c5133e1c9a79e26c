package org.fieldsafe.server.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.export.ExportForm;
import org.fieldsafe.export.SealedConsumer;
import org.fieldsafe.export.SealedSource;
import org.fieldsafe.export.SealedSubmission;

/**
 * The answer of {@code GET /studies/{s}/submissions/sealed} read as it arrives: first the study and its form
 * versions ({@link #study()}, {@link #forms()}) and the count, then {@link #forEach} hands the submissions to the
 * export engine one at a time (never all in memory). One pass only.
 */
final class PulledSealedSource implements SealedSource, Closeable {
    private final ObjectMapper json;
    private final JsonParser parser;
    private final Study study;
    private final List<ExportForm> forms;
    private final long count;
    private boolean consumed;

    PulledSealedSource(ObjectMapper json, InputStream in) throws IOException {
        this.json = json;
        this.parser = json.getFactory().createParser(in);
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        Study readStudy = null;
        List<ExportForm> readForms = new ArrayList<>();
        long readCount = -1;
        while (true) {
            expect(parser.nextToken(), JsonToken.FIELD_NAME);
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "studyDefinition" -> readStudy = Study.fromCanonicalJson(bytes(parser.readValueAsTree()));
                case "forms" -> {
                    for (JsonNode form : (JsonNode) parser.readValueAsTree()) {
                        readForms.add(new ExportForm(form.path("version").asInt(),
                                FormDefinition.fromCanonicalJson(bytes(form.path("definition")))));
                    }
                }
                case "count" -> readCount = parser.getLongValue();
                case "submissions" -> expect(parser.currentToken(), JsonToken.START_ARRAY);
                default -> parser.skipChildren();
            }
            if (field.equals("submissions")) {
                break;
            }
        }
        if (readStudy == null || readCount < 0) {
            throw new IOException("the server's answer lacks the study or the count");
        }
        this.study = readStudy;
        this.forms = List.copyOf(readForms);
        this.count = readCount;
    }

    Study study() {
        return study;
    }

    List<ExportForm> forms() {
        return forms;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void forEach(SealedConsumer consumer) throws IOException {
        if (consumed) {
            throw new IOException("the sealed submissions were read already");
        }
        consumed = true;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonNode item = parser.readValueAsTree();
            JsonNode envelope = item.path("envelope");
            SubmissionHeader header;
            try {
                header = json.treeToValue(envelope.path("header"), SubmissionHeader.class);
            } catch (IOException e) {
                header = null;
            }
            consumer.accept(new SealedSubmission(item.path("submissionId").asText(), header, bytes(envelope)));
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY);
    }

    private byte[] bytes(JsonNode node) throws IOException {
        return json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("unexpected answer from the server (" + token + ", expected " + expected + ")");
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
