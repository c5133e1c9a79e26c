package org.fieldsafe.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeFilesTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendAll_thenRead_exactBytesInOrder() throws IOException {
        try (EnvelopeFiles files = EnvelopeFiles.open(dir, 1 << 20)) {
            List<EnvelopeFiles.Ref> first = files.appendAll(List.of(bytes("{\"a\":1}"), bytes("{\"b\":22}")));
            List<EnvelopeFiles.Ref> second = files.appendAll(List.of(bytes("{\"c\":\"\u00e9\"}")));
            assertThat(first).containsExactly(new EnvelopeFiles.Ref(1, 0, 7), new EnvelopeFiles.Ref(1, 7, 8));
            assertThat(second.get(0).offset()).isEqualTo(15);
            assertThat(new String(files.read(first.get(1)), StandardCharsets.UTF_8)).isEqualTo("{\"b\":22}");
            assertThat(new String(files.read(second.get(0)), StandardCharsets.UTF_8)).isEqualTo("{\"c\":\"\u00e9\"}");
            assertThat(files.read(first.get(0))).isEqualTo(bytes("{\"a\":1}"));
        }
    }

    @Test
    void zeroUnreferenced_everyRangeNoRowPointsAt_zeroedInEveryFile_onceOnly() throws IOException {
        try (EnvelopeFiles files = EnvelopeFiles.open(dir, 10)) {
            List<EnvelopeFiles.Ref> first = files.appendAll(List.of(bytes("AAAA"), bytes("BBBB"), bytes("CCCC")));
            List<EnvelopeFiles.Ref> second = files.appendAll(List.of(bytes("DDDD"), bytes("EEEE")));
            // rows point at B (file 1) and E (file 2); A, C and D are leftovers of retries or failed commits
            long zeroed = files.zeroUnreferenced(List.of(first.get(1), second.get(1)).iterator());

            assertThat(zeroed).isEqualTo(12);
            assertThat(Files.readAllBytes(dir.resolve("000001.envelopes")))
                    .isEqualTo(bytes("\0\0\0\0BBBB\0\0\0\0"));
            assertThat(Files.readAllBytes(dir.resolve("000002.envelopes"))).isEqualTo(bytes("\0\0\0\0EEEE"));
            assertThat(files.read(second.get(1))).isEqualTo(bytes("EEEE"));
            assertThat(files.zeroUnreferenced(List.of(first.get(1), second.get(1)).iterator())).isZero();
            // nothing referenced at all: everything goes
            assertThat(files.zeroUnreferenced(List.<EnvelopeFiles.Ref>of().iterator())).isPositive();
            assertThat(Files.readAllBytes(dir.resolve("000001.envelopes"))).containsOnly(0);
            assertThat(Files.readAllBytes(dir.resolve("000002.envelopes"))).containsOnly(0);
        }
    }

    @Test
    void fullFile_nextAppendStartsTheNextFile() throws IOException {
        try (EnvelopeFiles files = EnvelopeFiles.open(dir, 10)) {
            EnvelopeFiles.Ref a = files.appendAll(List.of(bytes("0123456789AB"))).get(0);
            EnvelopeFiles.Ref b = files.appendAll(List.of(bytes("xyz"))).get(0);
            assertThat(a.file()).isEqualTo(1);
            assertThat(b).isEqualTo(new EnvelopeFiles.Ref(2, 0, 3));
            assertThat(files.read(a)).isEqualTo(bytes("0123456789AB"));
            assertThat(files.read(b)).isEqualTo(bytes("xyz"));
        }
        assertThat(dir.resolve("000001.envelopes")).hasSize(12);
        assertThat(dir.resolve("000002.envelopes")).hasSize(3);
    }

    @Test
    void reopened_appendsAfterWhatIsThere_inTheNewestFile() throws IOException {
        EnvelopeFiles.Ref before;
        try (EnvelopeFiles files = EnvelopeFiles.open(dir, 10)) {
            files.appendAll(List.of(bytes("0123456789AB")));
            before = files.appendAll(List.of(bytes("xyz"))).get(0);
        }
        // A torn write left behind by a crash: bytes no row refers to.
        Files.write(dir.resolve("000002.envelopes"), bytes("xyz??"));
        try (EnvelopeFiles files = EnvelopeFiles.open(dir, 10)) {
            EnvelopeFiles.Ref after = files.appendAll(List.of(bytes("next"))).get(0);
            assertThat(after).isEqualTo(new EnvelopeFiles.Ref(2, 5, 4));
            assertThat(files.read(before)).isEqualTo(bytes("xyz"));
            assertThat(files.read(after)).isEqualTo(bytes("next"));
        }
    }

    @Test
    void read_beyondTheFile_isAnError() throws IOException {
        try (EnvelopeFiles files = EnvelopeFiles.open(dir, 1 << 20)) {
            files.appendAll(List.of(bytes("short")));
            assertThatThrownBy(() -> files.read(new EnvelopeFiles.Ref(1, 2, 10))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void besides_namesADirectoryNextToTheDatabase() {
        assertThat(EnvelopeFiles.besides(Path.of("/srv/data/fieldsafe.db")))
                .isEqualTo(Path.of("/srv/data/fieldsafe.db.envelopes"));
    }
}
