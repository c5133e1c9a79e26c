package org.fieldsafe.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.core.crypto.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path home;

    @Test
    void put_pendingOldestFirst_withHash_survivesReopen() throws Exception {
        byte[] first = "{\"header\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"header\":2}".getBytes(StandardCharsets.UTF_8);
        try (DeviceStore store = DeviceStore.open(home)) {
            store.outbox().put("b", second, T0.plusSeconds(5));
            store.outbox().put("a", first, T0);
        }
        try (DeviceStore store = DeviceStore.open(home)) {
            assertThat(store.outbox().pending()).extracting(Outbox.Entry::submissionId).containsExactly("a", "b");
            Outbox.Entry a = store.outbox().pending().get(0);
            assertThat(a.envelope()).isEqualTo(first);
            assertThat(a.sha256()).isEqualTo(Digests.sha256Hex(first));
            assertThat(a.attempts()).isZero();
        }
    }

    @Test
    void put_sameIdTwice_refused() throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            store.outbox().put("a", new byte[] {1}, T0);
            assertThatThrownBy(() -> store.outbox().put("a", new byte[] {2}, T0))
                    .isInstanceOf(ClientException.class);
            assertThat(store.outbox().pending()).singleElement()
                    .satisfies(e -> assertThat(e.envelope()).containsExactly(1));
        }
    }

    @Test
    void acknowledge_movesToSent_andDeletesSealedCopy() throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            Outbox outbox = store.outbox();
            outbox.put("a", new byte[] {1, 2, 3}, T0);
            outbox.recordFailure("a", "connection refused");
            assertThat(outbox.pending().get(0).attempts()).isEqualTo(1);
            assertThat(outbox.pending().get(0).lastError()).isEqualTo("connection refused");

            outbox.acknowledge("a", "{\"submissionId\":\"a\"}", T0.plusSeconds(60));
            assertThat(outbox.pending()).isEmpty();
            assertThat(outbox.sent("a")).hasValueSatisfying(s -> {
                assertThat(s.receiptJson()).isEqualTo("{\"submissionId\":\"a\"}");
                assertThat(s.sentAt()).isEqualTo(T0.plusSeconds(60));
            });
        }
    }

    @Test
    void discard_removesWithoutReceipt() throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            store.outbox().put("a", new byte[] {1}, T0);
            store.outbox().discard("a");
            assertThat(store.outbox().pending()).isEmpty();
            assertThat(store.outbox().sent()).isEmpty();
        }
    }
}
