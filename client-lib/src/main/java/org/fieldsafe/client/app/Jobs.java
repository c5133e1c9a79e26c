package org.fieldsafe.client.app;

import java.time.Clock;
import org.fieldsafe.client.ClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one long task the app runs at a time (a pull or a sync), in the background, with its progress for the page to
 * poll: steps in words, done of total, and how it ended. Each step names forms, interviews and attachments by id
 * only, never their content.
 */
final class Jobs implements AutoCloseable {
    /** What the page sees of the current or last job. */
    record View(String kind, String state, int done, int total, List<Step> steps, String errorKey, String errorDetail,
                Instant finishedAt) {
    }

    /** One line of progress: a message key for the page to translate, and what it is about (an id). */
    record Step(String key, String subject, String detail) {
    }

    /** The body of a job; it reports through the {@link Job} it is given. */
    interface Work {
        void run(Job job) throws Exception;
    }

    /** A running job's progress, written by the worker and read by the page. */
    static final class Job {
        private final String kind;
        private final List<Step> steps = new ArrayList<>();
        private String state = "running";
        private int done;
        private int total;
        private String errorKey;
        private String errorDetail;
        private Instant finishedAt;

        Job(String kind) {
            this.kind = kind;
        }

        synchronized void step(String key, String subject, String detail) {
            steps.add(new Step(key, subject, detail));
        }

        synchronized void progress(int done, int total) {
            this.done = done;
            this.total = total;
        }

        synchronized void finish(String state, String errorKey, String errorDetail, Instant at) {
            this.state = state;
            this.errorKey = errorKey;
            this.errorDetail = errorDetail;
            this.finishedAt = at;
        }

        synchronized View view() {
            return new View(kind, state, done, total, List.copyOf(steps), errorKey, errorDetail, finishedAt);
        }

        synchronized boolean running() {
            return state.equals("running");
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fieldsafe-app-job");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    private Job current;

    Jobs(Clock clock) {
        this.clock = clock;
    }

    /** Starts {@code work} unless a job runs; false when one does. */
    synchronized boolean start(String kind, Work work) {
        if (current != null && current.running()) {
            return false;
        }
        Job job = new Job(kind);
        current = job;
        worker.execute(() -> {
            try {
                work.run(job);
                job.finish("done", null, null, clock.instant());
            } catch (ClientException e) {
                job.finish("failed", ErrorWords.key(e), e.getMessage(), clock.instant());
            } catch (Exception | Error e) {
                job.finish("failed", "error.unexpected", e.getClass().getSimpleName(), clock.instant());
            }
        });
        return true;
    }

    synchronized boolean running() {
        return current != null && current.running();
    }

    synchronized View current() {
        return current == null ? null : current.view();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
