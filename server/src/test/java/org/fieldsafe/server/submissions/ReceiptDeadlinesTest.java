package org.fieldsafe.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldsafe.server.mappers.MappedAnswers.problem;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.server.problems.DomainException;
import org.junit.jupiter.api.Test;

class ReceiptDeadlinesTest {
    final ReceiptDeadlines deadlines = new ReceiptDeadlines(Duration.ofSeconds(30), SubmissionProblems::notStored);

    @Test
    void sweep_beforeTheDeadline_leavesWaitingAnswersAlone() {
        CompletableFuture<String> answer = deadlines.watch(new CompletableFuture<>());

        deadlines.sweep(System.nanoTime() + TimeUnit.SECONDS.toNanos(29));

        assertThat(answer).isNotDone();
        assertThat(deadlines.watched()).isEqualTo(1);
    }

    @Test
    void sweep_pastTheDeadline_failsOnlyTheUnansweredWith503() {
        CompletableFuture<String> late = deadlines.watch(new CompletableFuture<>());
        CompletableFuture<String> answered = deadlines.watch(new CompletableFuture<>());
        answered.complete("receipt");

        deadlines.sweep(System.nanoTime() + TimeUnit.SECONDS.toNanos(31));

        assertThat(answered).isCompletedWithValue("receipt");
        assertThat(late).isCompletedExceptionally();
        assertThat(deadlines.watched()).isZero();
        try {
            late.get();
        } catch (ExecutionException | InterruptedException e) {
            assertThat(e.getCause()).isInstanceOf(DomainException.class);
            assertThat(problem(e.getCause()).status()).isEqualTo(503);
        }
    }

    @Test
    void sweep_answeredAtTheHead_droppedWithoutWaitingForTheirDeadline() {
        CompletableFuture<String> first = deadlines.watch(new CompletableFuture<>());
        CompletableFuture<String> second = deadlines.watch(new CompletableFuture<>());
        first.complete("a");

        deadlines.sweep(System.nanoTime());

        assertThat(deadlines.watched()).isEqualTo(1);
        assertThat(second).isNotDone();
        assertThat(deadlines.watch(CompletableFuture.completedFuture("done"))).isDone();
        assertThat(deadlines.watched()).isEqualTo(1);
    }

    @Test
    void running_failsAnUnansweredUploadSoonAfterItsDeadline() throws Exception {
        ReceiptDeadlines shortOnes = new ReceiptDeadlines(Duration.ofMillis(100), SubmissionProblems::notStored);
        shortOnes.start();
        try {
            CompletableFuture<String> answer = shortOnes.watch(new CompletableFuture<>());
            assertThat(answer).failsWithin(Duration.ofSeconds(5));
        } finally {
            shortOnes.stop();
        }
    }
}
