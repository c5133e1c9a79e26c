package org.fieldsafe.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** SHA-256 as hex (FIPS 180-4's examples), and the fresh digests copied from one prototype. */
class DigestsTest {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void sha256Hex_fipsExamples() {
        assertThat(Digests.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Digests.sha256Hex(new byte[0])).isEqualTo(EMPTY);
    }

    @Test
    void sha256_eachCopyFresh_noStateShared() {
        MessageDigest used = Digests.sha256();
        used.update("abc".getBytes(StandardCharsets.UTF_8));
        MessageDigest fresh = Digests.sha256();
        assertThat(fresh).isNotSameAs(used);
        assertThat(HexFormat.of().formatHex(fresh.digest())).isEqualTo(EMPTY);
        assertThat(Digests.sha256Hex("abc")).isEqualTo(HexFormat.of().formatHex(used.digest()));
    }
}
