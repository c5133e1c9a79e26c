package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncProgress;

/**
 * A recorded interview of the reference study synced for real: an enumerator of KH-SVR enrols a device, the client's
 * {@code interview} seals the recording as an attachment and {@code sync} sends envelope and recording. The recording
 * is a playable WAV file (a tone with noise) that a browser's audio element can decode.
 */
public final class RecordedInterviews {
    /** The WAV's sample rate: 8 kHz, 16-bit mono (16 000 bytes a second). */
    public static final int RATE = 8000;

    private RecordedInterviews() {
    }

    /** {@code seconds} of a 440 Hz tone with seeded noise as a WAV file (RIFF/WAVE, PCM). */
    public static byte[] wav(int seconds, long seed) {
        Random noise = new Random(seed);
        ByteBuffer pcm = ByteBuffer.allocate(seconds * RATE * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < seconds * RATE; i++) {
            double tone = Math.sin(2 * Math.PI * 440 * i / RATE) * 6000;
            pcm.putShort((short) (tone + noise.nextInt(2000) - 1000));
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format,
                seconds * RATE)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * Syncs one recorded interview of KH-SVR in Khmer ({@link RecordingSyncEndToEndIntegrationTest#answersFile})
     * with {@code audio} as its recording, from a new device of a new enumerator {@code enumerator}; returns the
     * submission id. The study's keys must be posted.
     */
    public static String sync(TestApp app, String adminToken, String enumerator, Path deviceHome, Path work,
                              byte[] audio) throws Exception {
        app.createUser(adminToken, enumerator, "enumerator", List.of("KH-SVR"));
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            client.enrol(URI.create(app.baseUrl()), app.enrolmentCode(adminToken, "beyond-awareness", "KH-SVR",
                    enumerator).code(), enumerator + "-laptop");
            client.pull();
        }
        Path recording = work.resolve("recording.wav");
        Files.write(recording, audio);
        Path answers = work.resolve("answers.json");
        Files.writeString(answers, RecordingSyncEndToEndIntegrationTest.answersFile(recording)
                .replace("enum-kh1", enumerator));
        InterviewSyncEndToEndIntegrationTest.interview(deviceHome, answers);
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            assertThat(client.sync(SyncProgress.NONE).outcomes()).extracting(Outcome::kind)
                    .containsExactly(Outcome.Kind.SENT, Outcome.Kind.SENT);
        }
        Files.delete(recording);
        return app.services().database().read(h -> h.createQuery("SELECT submission_id FROM attachments ORDER BY "
                + "received_at DESC").mapTo(String.class).first());
    }
}
