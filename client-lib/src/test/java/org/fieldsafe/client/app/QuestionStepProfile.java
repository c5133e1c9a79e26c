package org.fieldsafe.client.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.DeviceInterview;
import org.fieldsafe.client.fieldwork.InterviewCrypto;
import org.fieldsafe.client.fieldwork.InterviewStart;
import org.fieldsafe.client.fieldwork.StepResult;
import org.fieldsafe.client.fieldwork.TestDevice;
import org.fieldsafe.client.interview.DraftCipher;
import org.fieldsafe.client.interview.PassphraseDraftCipher;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.sync.Json;

/**
 * Where one "next question" step of the field app goes, server side (BENCHMARKS.md section (j)): a main run on purpose,
 * never part of the suite. Drives the facade in-process over the generated 200-question form of
 * {@link FieldAppBenchmark} and times, per step, the whole answer (the step, the draft's JSON, its encryption and the
 * SQLite write), the draft encryption alone (a timing wrapper around the real cipher) and the answer's JSON; wall and
 * CPU time of this thread, so a loaded machine shows as the gap between them.
 */
public final class QuestionStepProfile {
    private QuestionStepProfile() {
    }

    public static void main(String[] args) throws Exception {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path work = Files.createTempDirectory("fieldsafe-step-profile");
        Path home = work.resolve("home");
        TestDevice.prepare(home, Instant.now(), FieldAppBenchmark.generatedStudy(work, questions));
        TestDevice.pinStudyKeys(home, Instant.now());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] encrypt = new long[2];
        DraftCipher real = new PassphraseDraftCipher();
        DraftCipher timed = new DraftCipher() {
            @Override
            public byte[] encrypt(byte[] plaintext, char[] passphrase) throws Exception {
                return real.encrypt(plaintext, passphrase);
            }

            @Override
            public byte[] decrypt(byte[] ciphertext, char[] passphrase) throws Exception {
                return real.decrypt(ciphertext, passphrase);
            }

            @Override
            public Encrypter unlock(char[] passphrase) {
                Encrypter inner = real.unlock(passphrase);
                return new Encrypter() {
                    @Override
                    public byte[] encrypt(byte[] plaintext) throws Exception {
                        long t = System.nanoTime();
                        try {
                            return inner.encrypt(plaintext);
                        } finally {
                            encrypt[0] += System.nanoTime() - t;
                            encrypt[1] = plaintext.length;
                        }
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }
        };
        InterviewCrypto crypto = new InterviewCrypto(InterviewCrypto.standard().sealers(), timed);
        Map<String, Object> answers = Map.ofEntries(Map.entry("participation", "yes"),
                Map.entry("recording_consent", "no"), Map.entry("consent_mode", "verbal"), Map.entry("age", 34),
                Map.entry("respondent_code", "KH-SVR-RH-007"), Map.entry("interviewer", "enum-bench"),
                Map.entry("consent_date", java.time.LocalDate.now().toString()),
                Map.entry("research_partner", "Partner"), Map.entry("category", "RH"),
                Map.entry("interview_date", java.time.LocalDate.now().toString()),
                Map.entry("disclosure_check", "no"), Map.entry("indicators", "none"));
        for (int round = 0; round < 3; round++) {
            List<double[]> samples = new ArrayList<>();
            try (FieldsafeClient client = new FieldsafeClient(DeviceStore.open(home),
                    new FieldsafeClient.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.systemUTC()),
                    crypto);
                 DeviceInterview interview = client.startInterview(new InterviewStart("interview", null, "KH-SVR",
                         "km", null, 1, null), "profile passphrase 1".toCharArray())) {
                for (int steps = 0; steps < 1000; steps++) {
                    var screen = interview.screen();
                    if (screen.question() == null) {
                        break;
                    }
                    String q = screen.question().id();
                    Object value = q.startsWith("bench_") ? (Object) 7 : answers.get(q);
                    long enc0 = encrypt[0];
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    StepResult r = value == null ? interview.next() : interview.answer(q, value);
                    long t1 = System.nanoTime();
                    byte[] json = Json.mapper().writeValueAsBytes(r);
                    long t2 = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                    if (!r.ok()) {
                        throw new IllegalStateException("refused at " + q + ": " + r.problems());
                    }
                    if (q.startsWith("bench_")) {
                        samples.add(new double[] {(t1 - t0) / 1e6, (encrypt[0] - enc0) / 1e6, (t2 - t1) / 1e6,
                            cpu / 1e6, json.length, encrypt[1]});
                    }
                }
            }
            System.out.printf("round %d, %d steps (ms): answer p50 %.2f p95 %.2f | of it draft encryption p50 %.2f"
                    + " p95 %.2f | answer JSON p50 %.2f p95 %.2f | step CPU p50 %.2f p95 %.2f | answer %.0f B,"
                    + " draft plaintext %.0f B%n", round, samples.size(), pct(samples, 0, 50), pct(samples, 0, 95),
                    pct(samples, 1, 50), pct(samples, 1, 95), pct(samples, 2, 50), pct(samples, 2, 95),
                    pct(samples, 3, 50), pct(samples, 3, 95), pct(samples, 4, 100), pct(samples, 5, 100));
        }
    }

    private static double pct(List<double[]> samples, int column, int p) {
        List<Double> sorted = samples.stream().map(s -> s[column]).sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
