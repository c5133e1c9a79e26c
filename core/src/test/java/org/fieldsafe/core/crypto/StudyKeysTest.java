package org.fieldsafe.core.crypto;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class StudyKeysTest {

    @Test
    void generateX25519_rawKeys_publicKeyDerivesFromPrivate() {
        KeyPairBytes pair = StudyKeys.generateX25519();
        assertThat(pair.publicKey()).hasSize(32);
        assertThat(pair.privateKey()).hasSize(32);
        assertThat(StudyKeys.x25519PublicKey(pair.privateKey())).isEqualTo(pair.publicKey());
        assertThat(StudyKeys.generateX25519().publicKey()).isNotEqualTo(pair.publicKey());
    }

    @Test
    void generateEd25519_rawKeys_publicKeyDerivesFromPrivate() {
        KeyPairBytes pair = StudyKeys.generateEd25519();
        assertThat(pair.publicKey()).hasSize(32);
        assertThat(pair.privateKey()).hasSize(32);
        assertThat(StudyKeys.ed25519PublicKey(pair.privateKey())).isEqualTo(pair.publicKey());
    }

    @Test
    void x25519PublicKey_rfc7748Alice_matchesVector() {
        // RFC 7748 section 6.1: Alice's private key and public key.
        HexFormat hex = HexFormat.of();
        byte[] priv = hex.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        assertThat(hex.formatHex(StudyKeys.x25519PublicKey(priv)))
                .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    }

    @Test
    void fingerprint_isSha256HexOfRawKey() {
        byte[] key = new byte[32];
        // SHA-256 of 32 zero bytes.
        assertThat(StudyKeys.fingerprint(key))
                .isEqualTo("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
        assertThat(StudyKeys.fingerprint(key)).isEqualTo(Digests.sha256Hex(key));
    }

    @Test
    void keyPairBytes_toString_redactsPrivateKey() {
        KeyPairBytes pair = StudyKeys.generateX25519();
        String text = pair.toString();
        assertThat(text).contains(pair.fingerprint()).contains("redacted");
        assertThat(text).doesNotContain(HexFormat.of().formatHex(pair.privateKey()));
        assertThat(text).doesNotContain(java.util.Base64.getEncoder().encodeToString(pair.privateKey()));
    }

    @Test
    void keyPairBytes_destroy_zeroesPrivateKey() {
        KeyPairBytes pair = StudyKeys.generateX25519();
        pair.destroy();
        assertThat(pair.privateKey()).containsOnly(0);
    }

    @Test
    void recipientKey_of_computesConsistentFingerprint() {
        KeyPairBytes pair = StudyKeys.generateX25519();
        RecipientKey key = RecipientKey.of(pair.publicKey());
        assertThat(key.fingerprint()).isEqualTo(pair.fingerprint());
        assertThat(key.isConsistent()).isTrue();
        assertThat(new RecipientKey("00".repeat(32), pair.publicKey()).isConsistent()).isFalse();
    }
}
