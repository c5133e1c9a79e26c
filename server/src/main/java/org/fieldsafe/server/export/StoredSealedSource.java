package org.fieldsafe.server.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.export.ExportFilter;
import org.fieldsafe.export.SealedConsumer;
import org.fieldsafe.export.SealedRecordings;
import org.fieldsafe.export.SealedSource;
import org.fieldsafe.export.SealedSubmission;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.submissions.SubmissionStore;
import org.fieldsafe.server.transcripts.TranscriptRow;
import org.fieldsafe.server.transcripts.TranscriptService;

/**
 * The server's stored submissions of one study as a {@link SealedSource}: read in id order a page at a time
 * ({@link SubmissionStore#sealedPage}, the filter applied in the query, withdrawn ones left out), so memory stays
 * constant however many there are.
 */
public final class StoredSealedSource implements SealedSource {
    static final int PAGE = 200;

    private final SubmissionStore store;
    private final ObjectMapper json;
    private final String studyId;
    private final ExportFilter filter;
    private final Database database;

    public StoredSealedSource(SubmissionStore store, ObjectMapper json, String studyId, ExportFilter filter) {
        this(store, json, studyId, filter, null);
    }

    /**
     * With {@code database} (null: none), each submission also carries its latest non-draft transcripts and
     * translations ({@link SealedSubmission#texts()}), read a page at a time with the envelopes.
     */
    public StoredSealedSource(SubmissionStore store, ObjectMapper json, String studyId, ExportFilter filter,
                              Database database) {
        this.store = store;
        this.json = json;
        this.studyId = studyId;
        this.filter = filter;
        this.database = database;
    }

    @Override
    public long count() {
        return store.countSealed(studyId, filter.sites(), filter.formIds(), filter.from(), filter.to());
    }

    @Override
    public long withdrawn() {
        return store.countWithdrawn(studyId, filter.sites(), filter.formIds(), filter.from(), filter.to());
    }

    @Override
    public long outsideFilter() {
        if (filter.equals(ExportFilter.all())) {
            return 0;
        }
        return store.countSealed(studyId, java.util.Set.of(), java.util.Set.of(), null, null) - count();
    }

    /** The stored recordings (with a database only), for a QDPX export with audio. */
    @Override
    public SealedRecordings recordings() {
        return database == null ? null : new StoredRecordings(database);
    }

    @Override
    public void forEach(SealedConsumer consumer) throws IOException {
        forEachPage(page -> {
            Map<String, List<TranscriptRow>> texts = database == null ? Map.of()
                    : TranscriptService.latestFixed(database, page.stream().map(SubmissionStore.SealedRow::id).toList());
            for (SubmissionStore.SealedRow row : page) {
                byte[] envelope = row.envelope().getBytes(StandardCharsets.UTF_8);
                consumer.accept(new SealedSubmission(row.id(), header(envelope), envelope,
                        texts.getOrDefault(row.id(), List.of()).stream().map(StoredSealedSource::textPart).toList()));
            }
        });
    }

    private static SealedSubmission.TextPart textPart(TranscriptRow row) {
        return new SealedSubmission.TextPart(row.kind(), row.language(), row.version(), row.status(),
                row.sealedPart().getBytes(StandardCharsets.UTF_8));
    }

    /** Receives one page of stored submissions. */
    @FunctionalInterface
    private interface PageConsumer {
        void accept(List<SubmissionStore.SealedRow> page) throws IOException;
    }

    /** Receives a stored submission's id and exact envelope text. */
    @FunctionalInterface
    public interface RawConsumer {
        void accept(String submissionId, String envelope) throws IOException;
    }

    /** Hands over every submission's id and envelope text, in id order, a page at a time. */
    public void forEachRaw(RawConsumer consumer) throws IOException {
        forEachPage(page -> {
            for (SubmissionStore.SealedRow row : page) {
                consumer.accept(row.id(), row.envelope());
            }
        });
    }

    private void forEachPage(PageConsumer consumer) throws IOException {
        String after = null;
        while (true) {
            List<SubmissionStore.SealedRow> page = store.sealedPage(studyId, filter.sites(), filter.formIds(),
                    filter.from(), filter.to(), after, PAGE);
            consumer.accept(page);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * The envelope's cleartext header, read without parsing the sealed parts; null when the envelope has none
     * (the engine then lists the submission as unopenable).
     */
    SubmissionHeader header(byte[] envelope) {
        try (JsonParser parser = json.getFactory().createParser(envelope)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("header".equals(field)) {
                    return parser.readValueAs(SubmissionHeader.class);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
