package org.fieldsafe.server.transcripts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.TranscriptSealing;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.TranscriptQueueItem;
import org.fieldsafe.core.wire.TranscriptSave;
import org.fieldsafe.core.wire.TranscriptSaved;
import org.fieldsafe.core.wire.TranscriptText;
import org.fieldsafe.core.wire.TranscriptVersion;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.StudyKeyDao;
import org.fieldsafe.server.keys.StudyKeyRow;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.UnlockedKey;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.submissions.SubmissionStore;

/**
 * Transcripts and translations of submissions (docs/api.md, "Transcripts and translations"): a transcriber of the
 * submission's site writes versions in their languages, sealed here at once ({@link TranscriptSealing}) to the
 * research key and the study's transcription key; a second transcriber checks them; their text is opened only with
 * a holder's key unwrapped for one request. Nothing is stored, logged or audited in plaintext.
 */
public final class TranscriptService {
    /** The largest text a version may hold: 2 MB of UTF-8. */
    public static final int MAX_TEXT_BYTES = 2 * 1024 * 1024;
    private static final Pattern SUBMISSION_ID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final ObjectMapper JSON = JsonMappers.lenient();

    private final Database database;
    private final SubmissionStore submissions;
    private final KeyCustody custody;
    private final AuditLog audit;
    private final Clock clock;

    public TranscriptService(Database database, SubmissionStore submissions, KeyCustody custody, AuditLog audit,
                             Clock clock) {
        this.database = database;
        this.submissions = submissions;
        this.custody = custody;
        this.audit = audit;
        this.clock = clock;
    }

    /** The caller's queue: the study's submissions at their sites, with the latest version per kind and language. */
    public List<TranscriptQueueItem> queue(FieldsafePrincipal who, String studyId) {
        requireTranscriber(who);
        List<String> languages = languages(who);
        List<TranscriptDao.Subject> subjects = who.sites() == null || who.sites().isEmpty() ? List.of()
                : database.read(h -> h.attach(TranscriptDao.class).queue(studyId, who.sites()));
        Map<String, List<TranscriptRow>> versions = subjects.isEmpty() ? Map.of() : byId(database.read(h ->
                h.attach(TranscriptDao.class).listAll(subjects.stream().map(TranscriptDao.Subject::id).toList())));
        List<TranscriptQueueItem> items = new ArrayList<>();
        for (TranscriptDao.Subject s : subjects) {
            String spoken = interviewLanguage(s.id());
            List<TranscriptQueueItem.Latest> latest = new ArrayList<>();
            for (String language : languages) {
                for (String kind : work(spoken, language)) {
                    latest.add(latest(versions.getOrDefault(s.id(), List.of()), kind, language));
                }
            }
            items.add(new TranscriptQueueItem(s.id(), s.site(), s.formId(), s.formVersion(),
                    spoken, s.finalisedAt(), s.receivedAt(), s.recordings() > 0, latest));
        }
        return items;
    }

    /**
     * The work a transcriber of {@code language} is offered on an interview held in {@code spoken}: its transcript in
     * that language, or a translation into another (both when the interview's language is not known).
     */
    private static List<String> work(String spoken, String language) {
        if (spoken == null) {
            return List.of(TranscriptSealing.TRANSCRIPT, TranscriptSealing.TRANSLATION);
        }
        return List.of(spoken.equals(language) ? TranscriptSealing.TRANSCRIPT : TranscriptSealing.TRANSLATION);
    }

    /** The versions of a submission's transcripts and translations (transcriber of its site, principal investigator). */
    public List<TranscriptVersion> list(FieldsafePrincipal who, String submissionId) {
        boolean investigator = !who.isDevice() && who.role() == Role.PRINCIPAL_INVESTIGATOR;
        if (!investigator) {
            requireTranscriber(who);
        }
        TranscriptDao.Subject subject = subject(submissionId);
        if (!investigator) {
            requireSite(who, subject);
        }
        return database.read(h -> h.attach(TranscriptDao.class).list(subject.id())).stream()
                .map(TranscriptRow::listing).toList();
    }

    /**
     * Seals and stores {@code save.text()}: a draft replaces the author's open draft (same version), else a new
     * version; {@code done} fixes it. 409 {@code transcript-stale} when {@code basedOn} is not the latest version.
     */
    public TranscriptSaved save(FieldsafePrincipal who, String submissionId, String kind, String language,
                                TranscriptSave save) {
        TranscriptDao.Subject subject = authorised(who, submissionId, kind, language);
        if (save == null) {
            throw ProblemException.invalid("The body must be {\"text\": ..., \"status\": ..., \"basedOn\": ...}.");
        }
        if (save.text() == null) {
            throw ProblemException.invalidField("transcript-invalid", "Transcript not valid", "text");
        }
        if (!TranscriptSave.DRAFT.equals(save.status()) && !TranscriptSave.DONE.equals(save.status())) {
            throw ProblemException.invalidField("transcript-invalid", "Transcript not valid", "status");
        }
        if (save.basedOn() != null && save.basedOn() < 1) {
            throw ProblemException.invalidField("transcript-invalid", "Transcript not valid", "basedOn");
        }
        if (utf8Length(save.text()) > MAX_TEXT_BYTES) {
            throw new TranscriptTooLargeException();
        }
        SubmissionHeader header = header(subject.id());
        List<RecipientKey> recipients = recipients(subject.studyId());
        Instant now = Instant.ofEpochMilli(clock.millis());
        return database.write(handle -> {
            TranscriptDao dao = handle.attach(TranscriptDao.class);
            Optional<TranscriptRow> latest = dao.latest(subject.id(), kind, language);
            int latestVersion = latest.map(TranscriptRow::version).orElse(0);
            boolean ownDraft = latest.filter(r -> TranscriptSave.DRAFT.equals(r.status())
                    && r.author().equals(who.name())).isPresent();
            int base = save.basedOn() == null ? 0 : save.basedOn();
            // the author's own open draft is what they are editing: based on it or on the version before it
            boolean current = base == latestVersion || (ownDraft && base == latestVersion - 1);
            if (!current) {
                throw ProblemException.conflict("transcript-stale", "Transcript changed meanwhile",
                        "Version " + latestVersion + " of this " + kind + " is newer than the one you started from ("
                                + base + "); open it and make your change on it.");
            }
            int version = ownDraft ? latestVersion : latestVersion + 1;
            String sealed = new String(TranscriptSealing.toBytes(TranscriptSealing.seal(header, kind, language,
                    version, save.text(), recipients)), StandardCharsets.UTF_8);
            TranscriptRow row = new TranscriptRow(subject.id(), kind, language, version, save.status(), who.name(),
                    null, ownDraft ? latest.get().createdAt() : now, now, null, sealed);
            if (ownDraft) {
                if (dao.replaceDraft(row) != 1) {
                    throw ProblemException.conflict("transcript-stale", "Transcript changed meanwhile",
                            "Your draft was changed by another request; try again.");
                }
            } else {
                dao.insert(row);
            }
            audit.append(handle, who.actor(), "transcript.saved", subjectLine(subject, kind, language, version)
                    + " status:" + save.status());
            return new TranscriptSaved(version, save.status());
        });
    }

    /**
     * Opens a version with the caller's own key, unwrapped for this request: a transcriber's transcription key, a
     * principal investigator's research key (when study.yaml gives them that key).
     */
    public TranscriptText open(FieldsafePrincipal who, String submissionId, String kind, String language,
                               int version, char[] passphrase) {
        boolean transcriber = !who.isDevice() && who.role() == Role.TRANSCRIBER;
        boolean investigator = !who.isDevice() && who.role() == Role.PRINCIPAL_INVESTIGATOR;
        TranscriptDao.Subject subject;
        if (investigator) {
            requireKind(kind, language);
            subject = subject(submissionId);
        } else if (transcriber) {
            subject = authorised(who, submissionId, kind, language);
        } else {
            throw denied(who, "open");
        }
        TranscriptRow row = version(subject, kind, language, version);
        SubmissionHeader header = header(subject.id());
        String purpose = transcriber ? StudyKeyService.TRANSCRIPTION : StudyKeyService.RESEARCH;
        try (UnlockedKey key = custody.unlock(subject.studyId(), purpose, passphrase, who, "transcript.open")) {
            String text;
            try {
                text = TranscriptSealing.open(header, kind, language, version,
                        row.sealedPart().getBytes(StandardCharsets.UTF_8), key.fingerprint(), key.privateKey());
            } catch (SealedPartException e) {
                throw ProblemException.unprocessable("transcript-unreadable", "Transcript cannot be opened",
                        "This version cannot be opened with your " + purpose + " key (sealed before the key "
                                + "existed, or altered).");
            }
            audit.append(who.actor(), "transcript.opened", subjectLine(subject, kind, language, version)
                    + " key:" + purpose);
            return new TranscriptText(kind, language, version, row.status(), text);
        }
    }

    /** A second transcriber of the site and language marks a {@code done} version {@code checked}. */
    public TranscriptSaved check(FieldsafePrincipal who, String submissionId, String kind, String language,
                                 int version) {
        TranscriptDao.Subject subject = authorised(who, submissionId, kind, language);
        TranscriptRow row = version(subject, kind, language, version);
        if (row.author().equals(who.name())) {
            audit.append(who.actor(), "transcript.check.denied", subjectLine(subject, kind, language, version));
            throw ProblemException.forbidden("transcript-own-check", "Not your own check",
                    "A second person checks a transcript: you wrote this version.");
        }
        if (!TranscriptSave.DONE.equals(row.status())) {
            throw ProblemException.conflict("transcript-not-done", "Version not done",
                    "Only a done version can be checked; this one is " + row.status() + ".");
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        database.write(handle -> {
            if (handle.attach(TranscriptDao.class).check(subject.id(), kind, language, version, who.name(), now)
                    != 1) {
                throw ProblemException.conflict("transcript-not-done", "Version not done",
                        "The version changed meanwhile; list the versions again.");
            }
            audit.append(handle, who.actor(), "transcript.checked", subjectLine(subject, kind, language, version));
            return null;
        });
        return new TranscriptSaved(version, TranscriptSave.CHECKED);
    }

    /**
     * The latest non-draft version per kind and language of each of {@code ids} (for the export), by submission id.
     */
    public static Map<String, List<TranscriptRow>> latestFixed(Database database, List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, List<TranscriptRow>> all = byId(database.read(h -> h.attach(TranscriptDao.class).listAll(ids)));
        Map<String, List<TranscriptRow>> out = new LinkedHashMap<>();
        all.forEach((id, rows) -> {
            Map<String, TranscriptRow> latest = new LinkedHashMap<>();
            for (TranscriptRow r : rows) {
                if (!TranscriptSave.DRAFT.equals(r.status())) {
                    latest.put(r.kind() + "/" + r.language(), r);
                }
            }
            if (!latest.isEmpty()) {
                out.put(id, List.copyOf(latest.values()));
            }
        });
        return out;
    }

    private TranscriptDao.Subject authorised(FieldsafePrincipal who, String submissionId, String kind,
                                             String language) {
        requireTranscriber(who);
        requireKind(kind, language);
        TranscriptDao.Subject subject = subject(submissionId);
        requireSite(who, subject);
        if (!languages(who).contains(language)) {
            throw denied(who, "language");
        }
        return subject;
    }

    private static void requireKind(String kind, String language) {
        if (kind == null || !TranscriptSealing.KINDS.contains(kind)) {
            throw ProblemException.notFound("transcript-kind-unknown", "No such kind",
                    "The kind must be transcript or translation.");
        }
        if (language == null || !TranscriptSealing.LANGUAGE.matcher(language).matches()) {
            throw ProblemException.invalid("language-invalid", "Language not valid",
                    "The language must be a language code such as km or en.");
        }
    }

    private void requireTranscriber(FieldsafePrincipal who) {
        if (who.isDevice() || who.role() != Role.TRANSCRIBER) {
            throw denied(who, "role");
        }
    }

    private void requireSite(FieldsafePrincipal who, TranscriptDao.Subject subject) {
        if (who.sites() == null || !who.sites().contains(subject.site())) {
            throw denied(who, "site");
        }
    }

    private ProblemException denied(FieldsafePrincipal who, String why) {
        audit.append(who.actor(), "transcript.denied", "why:" + why);
        return ProblemException.forbidden("transcript-not-allowed", "Not allowed",
                "Transcripts are written and read by transcribers of the submission's site in their languages.");
    }

    private List<String> languages(FieldsafePrincipal who) {
        return database.read(h -> h.attach(TranscriptDao.class).languages(who.name()));
    }

    private TranscriptDao.Subject subject(String submissionId) {
        Optional<TranscriptDao.Subject> found = submissionId != null && SUBMISSION_ID.matcher(submissionId).matches()
                ? database.read(h -> h.attach(TranscriptDao.class).subject(submissionId)) : Optional.empty();
        return found.orElseThrow(() -> ProblemException.notFound("submission-unknown", "No such submission",
                "No submission with this id (or its respondent withdrew)."));
    }

    private TranscriptRow version(TranscriptDao.Subject subject, String kind, String language, int version) {
        return database.read(h -> h.attach(TranscriptDao.class).find(subject.id(), kind, language, version))
                .orElseThrow(() -> ProblemException.notFound("transcript-version-unknown", "No such version",
                        "The submission has no version " + version + " of this " + kind + "."));
    }

    private SubmissionHeader header(String submissionId) {
        String text = submissions.envelope(submissionId).orElseThrow(() -> ProblemException.notFound(
                "submission-unknown", "No such submission", "No submission with this id."));
        try {
            return JSON.treeToValue(JSON.readTree(text).get("header"), SubmissionHeader.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("stored envelope " + submissionId + " has no readable header", e);
        }
    }

    private String interviewLanguage(String submissionId) {
        return header(submissionId).language();
    }

    /** The research key and, once the study has one, its transcription key. */
    private List<RecipientKey> recipients(String studyId) {
        return database.read(h -> {
            StudyKeyDao keys = h.attach(StudyKeyDao.class);
            List<RecipientKey> out = new ArrayList<>();
            StudyKeyRow research = keys.find(studyId, StudyKeyService.RESEARCH).orElseThrow(() ->
                    ProblemException.conflict("study-keys-missing", "Study keys missing",
                            "The study has no research key yet: run 'admin keys init' first."));
            out.add(RecipientKey.of(Base64.getDecoder().decode(research.publicKey())));
            keys.find(studyId, StudyKeyService.TRANSCRIPTION)
                    .ifPresent(t -> out.add(RecipientKey.of(Base64.getDecoder().decode(t.publicKey()))));
            return out;
        });
    }

    private static TranscriptQueueItem.Latest latest(List<TranscriptRow> rows, String kind, String language) {
        TranscriptRow last = null;
        for (TranscriptRow r : rows) {
            if (r.kind().equals(kind) && r.language().equals(language)) {
                last = r;
            }
        }
        return last == null ? new TranscriptQueueItem.Latest(kind, language, 0, "none", null, null)
                : new TranscriptQueueItem.Latest(kind, language, last.version(), last.status(), last.author(),
                last.updatedAt());
    }

    private static Map<String, List<TranscriptRow>> byId(List<TranscriptRow> rows) {
        Map<String, List<TranscriptRow>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.submissionId(), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static String subjectLine(TranscriptDao.Subject s, String kind, String language, int version) {
        return "study:" + s.studyId() + " submission:" + s.id() + " " + kind + ":" + language + " version:" + version;
    }

    private static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
