package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.StudyBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParallelOpenerTest {
    private static StudyBundle bundle;
    private static KeyPairBytes research;
    private static ExportFixtures.Generated data;

    @BeforeAll
    static void generate() {
        bundle = ExportFixtures.bundle();
        research = StudyKeys.generateX25519();
        data = ExportFixtures.generate(bundle, research, StudyKeys.generateX25519(), 20, 3);
    }

    /** A source that hands over {@code n} submissions (the generated ones, repeated) and counts them. */
    private static final class Counting implements SealedSource {
        final int n;
        final AtomicInteger handed = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        int maxInFlight;

        Counting(int n) {
            this.n = n;
        }

        @Override
        public long count() {
            return n;
        }

        @Override
        public void forEach(SealedConsumer consumer) throws IOException {
            for (int i = 0; i < n; i++) {
                maxInFlight = Math.max(maxInFlight, handed.incrementAndGet() - done.get());
                consumer.accept(data.submissions().get(i % data.submissions().size()));
            }
        }
    }

    @Test
    void run_slowConsumer_boundsSubmissionsInFlight() throws IOException {
        int threads = 2;
        Counting source = new Counting(300);
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        long handed = new ParallelOpener(threads, research.fingerprint(), research.privateKey()).run(source,
                s -> true, (s, envelope, plaintext) -> {
                    assertThat(new String(plaintext, StandardCharsets.UTF_8)).contains("\"respondents\"");
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    source.done.incrementAndGet();
                }, (id, reason) -> {
                    throw new AssertionError(reason);
                }, (phase, done, total) -> progress.add(phase + " " + done + "/" + total));
        assertThat(handed).isEqualTo(300);
        assertThat(source.done.get()).isEqualTo(300);
        // the source is held back: never more than 4 per thread waiting or being opened, plus the one handed over
        assertThat(source.maxInFlight).isBetween(threads + 1, 4 * threads + 1);
        assertThat(progress).contains("open 300/300");
    }

    @Test
    void run_unreadableOrForeignSubmissions_reportedAndSkipped() throws IOException {
        SealedSubmission good = data.submissions().get(0);
        SealedSubmission other = data.submissions().get(1);
        KeyPairBytes wrong = StudyKeys.generateX25519();
        List<SealedSubmission> subs = List.of(good,
                new SealedSubmission("garbage", good.header(), "{not json".getBytes(StandardCharsets.UTF_8)),
                new SealedSubmission(other.submissionId(), good.header(), other.envelope()),
                ExportFixtures.generate(bundle, wrong, wrong, 1, 9).submissions().get(0));
        Map<String, String> failed = new ConcurrentHashMap<>();
        List<String> opened = Collections.synchronizedList(new ArrayList<>());
        new ParallelOpener(2, research.fingerprint(), research.privateKey()).run(ExportFixtures.listSource(subs),
                s -> true, (s, envelope, plaintext) -> opened.add(s.submissionId()), failed::put, ExportProgress.NONE);
        assertThat(opened).containsExactly(good.submissionId());
        assertThat(failed).hasSize(3).containsEntry("garbage", "not a readable envelope")
                .containsEntry(other.submissionId(), "the envelope's header is not the stored header");
        assertThat(failed.get(subs.get(3).submissionId())).contains("not a recipient");
    }

    @Test
    void run_callbackFails_runFailsWithItsException() {
        assertThatThrownBy(() -> new ParallelOpener(2, research.fingerprint(), research.privateKey()).run(
                new Counting(50), s -> true, (s, envelope, plaintext) -> {
                    throw new IOException("disk full");
                }, (id, reason) -> { }, ExportProgress.NONE)).isInstanceOf(IOException.class).hasMessage("disk full");
    }
}
