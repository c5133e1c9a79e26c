package org.fieldsafe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.server.mappers.MappedAnswers.headers;
import static org.fieldsafe.server.mappers.MappedAnswers.problem;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.server.problems.DomainException;
import org.junit.jupiter.api.Test;

class HashingPermitsTest {
    @Test
    void run_allTurnsTaken_503LoginBusyWithRetryAfter_thenFreeAgain() throws Exception {
        HashingPermits permits = new HashingPermits(2, Duration.ofMillis(50));
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> permits.run(() -> hold(inside, release)));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> permits.run(() -> hold(inside, release)));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> permits.run(() -> true)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(problem(e).status()).isEqualTo(503);
            assertThat(problem(e).type()).endsWith("login-busy");
            assertThat(headers(e)).containsEntry("Retry-After", "2");
        });

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(permits.run(() -> "hashed")).isEqualTo("hashed");
    }

    @Test
    void run_workFails_turnGivenBack() {
        HashingPermits permits = new HashingPermits(1, Duration.ZERO);
        assertThatThrownBy(() -> permits.run(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(permits.run(() -> true)).isTrue();
    }

    private static boolean hold(CountDownLatch inside, CountDownLatch release) {
        inside.countDown();
        try {
            return release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
