package org.fieldsafe.client.fieldwork;

import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.InterviewResult;
import org.fieldsafe.core.forms.QuestionType;

/**
 * The recorder of one open interview, for the field app (docs/field-app.md, "Recording"): a recording starts on an
 * {@code audio} question (the engine shows one only after recording consent was given), which it answers with
 * {@code attachment:<name>}; the recorder's chunks are sealed as they arrive ({@link LiveRecordings}); stop seals
 * the last chunk, and sealing the interview puts the recording in the envelope like the command line's.
 */
public final class Recorder {
    private final DeviceInterview interview;
    private final LiveRecordings recordings;

    Recorder(DeviceInterview interview, LiveRecordings recordings) {
        this.interview = interview;
        this.recordings = recordings;
    }

    /** The recorder's state. */
    public LiveRecordings.Status status() {
        return recordings.status();
    }

    /**
     * Starts recording the answer to the audio question waiting, and answers it (the screen moves on).
     *
     * @throws ClientException ({@link Reason#USAGE}) when no audio question waits (no recording consent, the
     *                         question not reached or passed), or a recording is held already
     */
    public StepResult start(String questionId) throws ClientException {
        Screen now = interview.screen();
        if (now.step() != Screen.Step.QUESTION || !QuestionType.AUDIO.wire().equals(now.question().type())
                || !now.question().id().equals(questionId)) {
            throw new ClientException(Reason.USAGE, "no recording question is waiting: a recording needs the "
                    + "respondent's recording consent and starts on the interview's recording question");
        }
        String name = InterviewResult.attachmentName(now.respondent(), questionId);
        recordings.start(name, questionId);
        StepResult answered = interview.answer(questionId, InterviewResult.ATTACHMENT_PREFIX + name);
        if (!answered.ok()) {
            recordings.shred();
        }
        return answered;
    }

    /** Seals what the browser's recorder sent now (each full chunk reaches the disk sealed, nothing else does). */
    public LiveRecordings.Status append(byte[] chunk) throws ClientException {
        return recordings.append(chunk);
    }

    /** Stops the running recording: its last chunk is sealed; it waits for the interview's seal. */
    public LiveRecordings.Status stop() throws ClientException {
        return recordings.stop();
    }
}
