package org.fieldsafe.server.mappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.json.ServerJson;
import org.fieldsafe.core.wire.WithdrawalNotice;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.auth.HashingPermits;
import org.fieldsafe.server.auth.RateLimiter;
import org.fieldsafe.server.forms.FormRejectedException;
import org.fieldsafe.server.problems.ProblemListException;
import org.fieldsafe.server.referral.CaseStaleException;
import org.fieldsafe.server.submissions.EnvelopeParser;
import org.fieldsafe.server.submissions.SubmissionService;
import org.fieldsafe.server.submissions.WithdrawnRespondentException;
import org.junit.jupiter.api.Test;

/**
 * The answers of refusals the services raise (issue 14 point 4), pinned as the client sees them: the exception is
 * answered by the registered mapper nearest to its type, as Jersey does, and the status, problem body and headers
 * are exactly those of the time the services built the problems themselves. The refusals that need a running
 * server are pinned by the integration tests (AttachmentIntegrationTest, ExportJobsIntegrationTest, ...).
 */
class DomainProblemsTest {
    @Test
    void answer_tooManyAttempts_429WithRetryAfter() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(15), clock);
        limiter.recordFailure("k");

        Response response = MappedAnswers.of(catchThrowable(() -> limiter.check("k")));

        assertAnswer(response, Problem.of("too-many-attempts", "Too many attempts", 429,
                "Too many failed attempts; try again in 901 seconds."), Map.of("Retry-After", "901"));
    }

    @Test
    void answer_hashingBusy_503LoginBusyWithRetryAfter() throws Exception {
        HashingPermits permits = new HashingPermits(1, Duration.ZERO);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> holder = CompletableFuture.runAsync(() -> permits.run(() -> {
            inside.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        Response response = MappedAnswers.of(catchThrowable(() -> permits.run(() -> true)));
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);

        assertAnswer(response, Problem.of("login-busy", "Server busy", 503,
                "Too many logins at once; try again in 2 seconds."), Map.of("Retry-After", "2"));
    }

    @Test
    void answer_envelopeTooLarge_413PayloadTooLarge() {
        Response response = MappedAnswers.of(catchThrowable(() -> new EnvelopeParser(4).parse(new byte[5])));

        assertAnswer(response, Problem.of("payload-too-large", "Request body too large", 413,
                "The request body exceeds the server's limit."), Map.of());
    }

    @Test
    void answer_envelopeNotAnObject_400MalformedJson() {
        Response response = MappedAnswers.of(catchThrowable(
                () -> new EnvelopeParser(100).parse("[1]".getBytes(StandardCharsets.UTF_8))));

        assertAnswer(response, Problem.of("malformed-json", "Malformed JSON", 400,
                "The request body is not a JSON envelope."), Map.of());
    }

    @Test
    void answer_writerFailed_503SubmissionNotStoredWithRetryAfter() {
        Response response = MappedAnswers.of(SubmissionService.problemOf(new IllegalStateException("writer stopped")));

        assertAnswer(response, Problem.of("submission-not-stored", "Submission not stored", 503,
                "The submission could not be stored durably in time; nothing was acknowledged. Try again."),
                Map.of("Retry-After", "5"));
    }

    @Test
    void answer_formRejected_422FormInvalidWithEveryMessage() {
        Response response = MappedAnswers.of(FormRejectedException.of(List.of(
                new FormProblem("a.yaml", 3, "id", "one"), new FormProblem("b.yaml", 7, "", "two"))));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat((Object) ServerJson.api().valueToTree(response.getEntity())).isEqualTo(ServerJson.api().valueToTree(
                Map.of("type", "urn:fieldsafe:problem:form-invalid", "title", "Form not valid", "status", 422,
                        "detail", "a.yaml:3: id: one\nb.yaml:7: two",
                        "errors", List.of(Map.of("file", "a.yaml", "line", 3, "field", "id", "message", "one"),
                                Map.of("file", "b.yaml", "line", 7, "field", "", "message", "two")))));
    }

    @Test
    void answer_problemsOfAnotherKind_422WithItsSlugTitleDetailAndErrors() {
        Response response = MappedAnswers.of(new ProblemListException("invalid-directory",
                "Field 'services[1].phone' is not valid.", List.of(new FormProblem("directory", 0,
                        "services[1].phone", "not a phone number"))));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat((Object) ServerJson.api().valueToTree(response.getEntity())).isEqualTo(ServerJson.api().valueToTree(
                Map.of("type", "urn:fieldsafe:problem:invalid-directory", "title", "Invalid referral directory",
                        "status", 422, "detail", "Field 'services[1].phone' is not valid.",
                        "errors", List.of(Map.of("file", "directory", "line", 0, "field", "services[1].phone",
                                "message", "not a phone number")))));
    }

    @Test
    void answer_formRejectedWithoutLines_422WithoutErrors() {
        Response response = MappedAnswers.of(new FormRejectedException(List.of("forms: no such folder")));

        assertThat((Object) ServerJson.api().valueToTree(response.getEntity())).isEqualTo(ServerJson.api().valueToTree(
                Map.of("type", "urn:fieldsafe:problem:form-invalid", "title", "Form not valid", "status", 422,
                        "detail", "forms: no such folder")));
    }

    @Test
    void answer_caseStale_409SameConflictAsBefore() {
        assertAnswer(MappedAnswers.of(new CaseStaleException()), Problem.of("case-stale", "Case changed meanwhile", 409,
                "The case changed since the version you sent; show it again and retry."), Map.of());
    }

    @Test
    void answer_withdrawnRespondent_410WithTheSignedNotice() {
        WithdrawalNotice notice = new WithdrawalNotice("sub-1", "key-1", "c2lnbmF0dXJl");
        Problem plain = Problem.of("respondent-withdrawn", "Respondent withdrawn", 410,
                "A respondent of this submission has withdrawn; delete the sealed copy.");

        assertAnswer(MappedAnswers.of(new WithdrawnRespondentException(notice)),
                new Problem(plain.type(), plain.title(), 410, plain.detail(), notice), Map.of());
    }

    static void assertAnswer(Response response, Problem problem, Map<String, String> headers) {
        assertThat(response.getStatus()).isEqualTo(problem.status());
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(response.getEntity()).isEqualTo(problem);
        Map<String, String> others = response.getHeaders().keySet().stream()
                .filter(name -> !name.equalsIgnoreCase("Content-Type"))
                .collect(Collectors.toMap(name -> name, response::getHeaderString));
        assertThat(others).isEqualTo(headers);
    }
}
