package org.fieldsafe.client.fieldwork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.AnswersFile;
import org.fieldsafe.client.interview.DraftAutosave;
import org.fieldsafe.client.interview.DraftCipher;
import org.fieldsafe.client.interview.DraftPassphrase;
import org.fieldsafe.client.interview.DraftState;
import org.fieldsafe.client.interview.DraftSummary;
import org.fieldsafe.client.interview.HmacCodeHasher;
import org.fieldsafe.client.interview.InterviewException;
import org.fieldsafe.client.interview.InterviewResult;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.LanguageGate;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Drafts;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionIds;

/**
 * Interviews on this device, for every view (the command line, the field app): the checks before one starts
 * (device, forms, site, directory, language), starting or resuming one with its encrypted draft, an answers file,
 * and sealing a finished one into the outbox. Handed out by {@code FieldsafeClient}.
 */
public final class Interviews {
    private final DeviceStore store;
    private final InterviewCrypto crypto;
    private final Clock clock;

    public Interviews(DeviceStore store, InterviewCrypto crypto, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Warnings before an interview starts: about the site's referral directory, and about the language. */
    public record StartWarnings(List<String> directory, List<String> language) {
    }

    /** Checks that an interview may start (enrolled, forms pulled, own site, directory held, study language). */
    public InterviewDevice device(String form, Integer version, String site, String language) throws ClientException {
        return InterviewDevice.load(store, form, version, site, language);
    }

    /** Emergency entries of the site's directory that are unconfirmed or stale; translation states to note. */
    public StartWarnings warnings(InterviewDevice device, String site, String language) {
        List<String> directory = SiteDirectory.of(device.study(), site, LocalDate.now(clock),
                SiteDirectory.DEFAULT_MAX_AGE_DAYS).map(d -> d.startWarnings(language)).orElse(List.of());
        return new StartWarnings(directory, LanguageGate.warnings(device.study(), language, device.consent(),
                device.interview()));
    }

    /** The answers file skeleton for this interview ({@code --answers-template}). */
    public ObjectNode template(InterviewDevice device, String site, String language) {
        return AnswersFile.template(device.consent(), device.interview(), site, language);
    }

    /**
     * Checks, before any question, that a finished interview can be sealed here: the respondent-code key and study
     * keys that sealing needs are on the device (an interview that could not be sealed must not start).
     */
    public void requireSealing() throws ClientException {
        respondentCodeKey();
        crypto.sealers().forKeys(store.studyKeys());
    }

    private byte[] respondentCodeKey() throws ClientException {
        return store.respondentCodeKey().orElseThrow(() -> new ClientException(Reason.USAGE,
                "this device has no respondent-code key; enrol it again to receive the study's keys"));
    }

    /** Whether drafts can be kept (this build encrypts them); without, an interruption loses the interview. */
    public boolean draftsAvailable() {
        return crypto.drafts() != null;
    }

    /** The open drafts of this form at this site, listed without respondent data. */
    public List<DraftSummary> openDrafts(String formId, String site) throws ClientException {
        return store.drafts().summaries().stream()
                .filter(d -> d.formId().equals(formId) && d.site().equals(site)).toList();
    }

    /** Every open draft on this device, listed without respondent data. */
    public List<DraftSummary> drafts() throws ClientException {
        return store.drafts().summaries();
    }

    /** Starts an interview: checks the device and the new draft passphrase, then saves the first (empty) draft. */
    public DeviceInterview start(InterviewStart start, char[] passphrase) throws ClientException {
        InterviewDevice device = device(start.form(), start.version(), start.site(), start.language());
        return start(device, start, passphrase);
    }

    /** Starts an interview on a device already checked. */
    public DeviceInterview start(InterviewDevice device, InterviewStart start, char[] passphrase)
            throws ClientException {
        String category = start.category();
        if (category != null && device.study().category(category).isEmpty()) {
            throw new ClientException(Reason.USAGE, "respondent category " + category + " is not a category of study "
                    + device.study().id());
        }
        requireSealing();
        if (draftsAvailable()) {
            try {
                DraftPassphrase.checkStrength(passphrase == null ? new char[0] : passphrase);
            } catch (IllegalArgumentException e) {
                throw new ClientException(Reason.USAGE, e.getMessage() + "; nothing was written");
            }
        }
        InterviewSession session;
        try {
            session = InterviewSession.start(device.study(), device.consent(), device.interview(), start.language(),
                    start.site(), start.respondents(), options(start));
        } catch (InterviewException e) {
            throw new ClientException(Reason.USAGE, e.getMessage());
        }
        String draftId = draftsAvailable() ? UUID.randomUUID().toString() : null;
        return open(device, session, draftId, passphrase, category);
    }

    /** Resumes a draft from its id and passphrase alone (the field app): its form, site and language are its own. */
    public DeviceInterview resume(String draftId, char[] passphrase, InterviewSession.Options options)
            throws ClientException {
        DraftState state = decrypt(draft(draftId), passphrase);
        InterviewDevice device = device(state.interviewForm(), null, state.site(), state.language());
        requireSealing();
        return restore(device, draftId, state, passphrase, options);
    }

    /** Resumes a draft on a device checked for a site and language (the command line's --site and --lang). */
    public DeviceInterview resume(InterviewDevice device, String site, String language, String draftId,
                                  char[] passphrase, InterviewSession.Options options) throws ClientException {
        DraftState state = decrypt(draft(draftId), passphrase);
        if (!state.site().equals(site) || !state.language().equals(language)) {
            throw new ClientException(Reason.USAGE, "draft " + draftId + " was made for site " + state.site()
                    + " in " + state.language() + "; resume it with those --site and --lang");
        }
        return restore(device, draftId, state, passphrase, options);
    }

    /** An interview from a filled-in answers file, checked like the interactive path; nothing is written. */
    public InterviewSession fromAnswersFile(InterviewDevice device, JsonNode file, String site, String language,
                                            InterviewSession.Options options) throws ClientException {
        try {
            return AnswersFile.run(file, device.study(), device.consent(), device.interview(), site, language,
                    options);
        } catch (InterviewException e) {
            throw new ClientException(Reason.USAGE, e.getMessage());
        }
    }

    /**
     * Seals a finished (or stopped, kept) interview into the outbox with its recordings, then deletes its draft.
     * A stop that keeps nothing deletes the draft and keeps nothing. Free-text replacements in {@code undone} (ids
     * of {@link InterviewResult.FreeText#replacementId}) stay as written.
     */
    public SealedInterview seal(InterviewDevice device, InterviewSession session, String draftId, Set<String> undone)
            throws ClientException {
        return seal(device, session, draftId, undone, null);
    }

    /** The recordings the field app streamed for an open interview (docs/field-app.md, "Recording"). */
    LiveRecordings recordings(String draftId) {
        return new LiveRecordings(store.home(), draftId);
    }

    /** Seals as above, with the recordings streamed while the interview was open (null: none). */
    SealedInterview seal(InterviewDevice device, InterviewSession session, String draftId, Set<String> undone,
                         LiveRecordings live) throws ClientException {
        boolean anyConsented = false;
        for (int r = 0; r < session.respondentCount(); r++) {
            anyConsented |= session.consented(r);
        }
        if (session.discarded() || session.stopped() && !anyConsented) {
            if (draftId != null) {
                store.drafts().delete(draftId);
            }
            if (live != null) {
                live.shred();
            }
            return SealedInterview.nothingKept(store.outbox().pending().size());
        }
        byte[] codeKey = respondentCodeKey();
        InterviewResult result;
        Envelope envelope;
        try {
            result = InterviewResult.build(session, new InterviewResult.Context(device.device().deviceId(),
                    device.device().enumerator(), device.consentRef(), device.interviewRef(),
                    new HmacCodeHasher(codeKey), clock), undone,
                    live == null || live.submissionId() == null ? SubmissionIds.next() : live.submissionId(),
                    RecordingAttachments.unrecorded(session, live));
            envelope = result.seal(crypto.sealers().forKeys(store.studyKeys()));
        } catch (InterviewException e) {
            throw new ClientException(Reason.USAGE, e.getMessage());
        } catch (ClientException e) {
            throw e;
        } catch (Exception e) {
            throw new ClientException(Reason.INTEGRITY, "the interview could not be sealed ("
                    + e.getClass().getSimpleName() + "); nothing was written", e);
        }
        RecordingAttachments.Sealed recordings = RecordingAttachments.seal(session, result.header(),
                store.studyKeys(), live);
        if (!recordings.descriptors().isEmpty()) {
            envelope = new Envelope(envelope.header(), envelope.parts(), recordings.descriptors());
        }
        byte[] bytes;
        try {
            bytes = AnswersFile.mapper().writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new ClientException(Reason.INTEGRITY, "the sealed interview could not be written", e);
        }
        String id = result.header().submissionId();
        store.outbox().put(id, bytes, Instant.now(clock), recordings.sealed());
        if (draftId != null) {
            store.drafts().delete(draftId);
        }
        if (live != null) {
            live.shred();
        }
        return new SealedInterview(true, id, result.header().parts(), session.stopped(), result.redactions(),
                List.copyOf(session.fallbackTexts()), session.study().masterLanguage(),
                recordings.files().stream().map(Object::toString).toList(), store.outbox().pending().size());
    }

    /** Deletes a draft (nobody could be interviewed: nothing is kept). */
    void discardDraft(String draftId) throws ClientException {
        if (draftId != null) {
            store.drafts().delete(draftId);
        }
    }

    private InterviewSession.Options options(InterviewStart start) {
        return new InterviewSession.Options(clock, start.onStop());
    }

    private Drafts.Draft draft(String draftId) throws ClientException {
        if (!draftsAvailable()) {
            throw new ClientException(Reason.USAGE, "drafts cannot be opened in this build (no draft encryption)");
        }
        return store.drafts().get(draftId)
                .orElseThrow(() -> new ClientException(Reason.USAGE, "no draft " + draftId + " on this device"));
    }

    private DraftState decrypt(Drafts.Draft draft, char[] passphrase) throws ClientException {
        try {
            return DraftState.fromJson(crypto.drafts().decrypt(draft.ciphertext(), passphrase));
        } catch (Exception e) {
            throw new ClientException(Reason.USAGE, "cannot open draft " + draft.draftId()
                    + ": wrong passphrase or damaged");
        }
    }

    private DeviceInterview restore(InterviewDevice device, String draftId, DraftState state, char[] passphrase,
                                    InterviewSession.Options options) throws ClientException {
        InterviewSession session;
        try {
            session = InterviewSession.resume(state, device.study(), device.consent(), device.interview(), options);
        } catch (InterviewException e) {
            throw new ClientException(Reason.USAGE, e.getMessage());
        }
        return open(device, session, draftId, passphrase, null);
    }

    private DeviceInterview open(InterviewDevice device, InterviewSession session, String draftId,
                                 char[] passphrase, String category) throws ClientException {
        DraftAutosave autosave = null;
        if (draftId != null) {
            DraftCipher cipher = crypto.drafts();
            autosave = new DraftAutosave(draftId, cipher.unlock(passphrase), store.drafts(), clock);
            try {
                session.autosave(autosave);
            } catch (RuntimeException e) {
                autosave.close();
                throw e;
            }
        }
        return new DeviceInterview(this, device, session, draftId, autosave, category, clock);
    }
}
