package org.fieldsafe.client.fieldwork;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.InterviewResult;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * The recordings of a finished interview: each {@code audio} answer is the path of the recorder's file, sealed
 * here to the research keys as an attachment (docs/sealing.md, "Attachments"). The original file is left where it
 * is (it belongs to the recorder); the caller tells the enumerator to delete it.
 */
final class RecordingAttachments {
    private RecordingAttachments() {
    }

    /** Descriptors for the envelope, sealed bytes by attachment name, and the original files. */
    record Sealed(List<Envelope.Attachment> descriptors, Map<String, byte[]> sealed, List<Path> files) {
    }

    /**
     * Seals the recorders' files named by audio answers, and adds the recordings the field app streamed ({@code live},
     * null for none): an audio answer {@code attachment:<name>} is such a recording, never a file.
     */
    static Sealed seal(InterviewSession session, SubmissionHeader header, List<StoredKey> pinned,
                       LiveRecordings live) throws ClientException {
        List<Envelope.Attachment> descriptors = new ArrayList<>();
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        if (live != null && !live.empty()) {
            Sealed streamed = live.take(header, researchKeys(pinned));
            descriptors.addAll(streamed.descriptors());
            sealed.putAll(streamed.sealed());
        }
        for (int r = 0; r < session.respondentCount(); r++) {
            if (!session.consented(r)) {
                continue;
            }
            Map<String, Object> answers = session.keptAnswers(r);
            for (Question q : session.interviewForm().questions()) {
                if (q.type() != QuestionType.AUDIO || !(answers.get(q.id()) instanceof String path)
                        || path.isBlank() || path.startsWith(InterviewResult.ATTACHMENT_PREFIX)) {
                    continue;
                }
                Path file = Path.of(path.trim());
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new ClientException(Reason.USAGE, "the recording for " + q.id() + " is not a readable file"
                            + " (" + file + "); nothing was written");
                }
                String name = InterviewResult.attachmentName(r, q.id());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (InputStream in = Files.newInputStream(file)) {
                    descriptors.add(AttachmentSealing.seal(header, name, q.id(), in, out, researchKeys(pinned)));
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new ClientException(Reason.USAGE, "cannot read the recording " + file + ": "
                            + e.getMessage() + "; nothing was written");
                }
                sealed.put(name, out.toByteArray());
                files.add(file);
            }
        }
        return new Sealed(descriptors, sealed, files);
    }

    /** The attachment names of streamed-recording answers whose recording is not held (it was dropped). */
    static Set<String> unrecorded(InterviewSession session, LiveRecordings live) {
        Set<String> out = new HashSet<>();
        for (int r = 0; r < session.respondentCount(); r++) {
            Map<String, Object> answers = session.keptAnswers(r);
            for (Question q : session.interviewForm().questions()) {
                String name = InterviewResult.attachmentName(r, q.id());
                if (q.type() == QuestionType.AUDIO && answers.get(q.id()) instanceof String value
                        && value.startsWith(InterviewResult.ATTACHMENT_PREFIX) && (live == null || !live.holds(name))) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static List<RecipientKey> researchKeys(List<StoredKey> pinned) throws ClientException {
        List<RecipientKey> keys = new ArrayList<>();
        for (StoredKey k : pinned) {
            if ("research".equals(k.purpose())) {
                keys.add(new RecipientKey(k.fingerprint(), Base64.getDecoder().decode(k.publicKey())));
            }
        }
        if (keys.isEmpty()) {
            throw new ClientException(Reason.USAGE, "no research study key is pinned on this device, so the recording"
                    + " cannot be sealed; pull the forms (fieldsafe client forms pull); nothing was written");
        }
        return keys;
    }
}
