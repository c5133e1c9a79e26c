package org.fieldsafe.core.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * Seals and opens envelopes (docs/sealing.md). Each part: a fresh 32-byte content key, AES-256-GCM over the
 * part's bytes with a random 12-byte nonce and the header bytes as associated data; the content key is sealed
 * to each recipient with HPKE (RFC 9180) base mode single-shot, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 /
 * AES-256-GCM, {@code info = fieldsafe/v1/part/<name>}, associated data = the header bytes. Uses the
 * BouncyCastle lightweight HPKE API and the JCA's AES-GCM; no provider is registered.
 */
public final class Sealing {
    /** The HPKE {@code info} prefix; the part name follows. */
    public static final String INFO_PREFIX = "fieldsafe/v1/part/";

    private static final int CONTENT_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * The header-bytes mapper: record component names as they are (camelCase), object keys sorted by code unit
     * at every level, no white space, nulls written, UTF-8. Kept apart from every other mapper so no shared
     * configuration can change the bytes.
     */
    private static final ObjectMapper HEADER_JSON = JsonMappers.sorted();

    private Sealing() {
    }

    /**
     * The canonical header bytes, the associated data of every part: the header as JSON with object keys sorted
     * (at every level), no insignificant white space, null values written, numbers as integers, UTF-8; property
     * names are the record component names ({@code submissionId}, {@code consentForm}, ...).
     */
    public static byte[] headerBytes(SubmissionHeader header) {
        try {
            return HEADER_JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("header is not serialisable", e);
        }
    }

    /**
     * Seals {@code partPlaintexts} (part name to the part's JSON bytes) for the recipients of each part.
     *
     * @throws IllegalArgumentException for an unknown part name, a part without recipients, a recipient key whose
     *                                  fingerprint is not its key's, or {@code header.parts()} other than the
     *                                  sorted part names
     */
    public static Envelope seal(SubmissionHeader header, Map<String, byte[]> partPlaintexts,
                                Map<String, List<RecipientKey>> recipientsByPart) {
        List<String> names = new ArrayList<>(partPlaintexts.keySet());
        names.sort(null);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one part");
        }
        for (String name : names) {
            if (!Envelope.PART_NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown part name: " + name);
            }
        }
        if (!names.equals(header.parts())) {
            throw new IllegalArgumentException("header.parts must equal the sorted part names " + names);
        }
        if (!recipientsByPart.keySet().equals(partPlaintexts.keySet())) {
            throw new IllegalArgumentException("recipients must be given for exactly the parts sealed");
        }
        byte[] aad = headerBytes(header);
        Map<String, Envelope.SealedPart> parts = new TreeMap<>();
        for (String name : names) {
            parts.put(name, sealPart(name, partPlaintexts.get(name), recipientsByPart.get(name), aad));
        }
        return new Envelope(header, parts);
    }

    /**
     * Opens one part with the private key of recipient {@code keyId}. Fails, without output, when the part or the
     * recipient is missing, the key is not {@code keyId}'s, or anything in the envelope was altered (header,
     * nonce, ciphertext, {@code enc}, wrapped key, part name, or a part moved from another envelope).
     */
    public static byte[] open(Envelope envelope, String partName, String keyId, byte[] privateKey)
            throws SealedPartException {
        return open(envelope, partName, keyId, () -> recipientPair(keyId, privateKey));
    }

    /**
     * An opener for many envelopes with one private key: the key is checked against {@code keyId} and decoded once,
     * so each {@link Opener#open} costs one X25519 agreement instead of three. For exports of many submissions.
     *
     * @throws SealedPartException when the private key is not {@code keyId}'s
     */
    public static Opener opener(String keyId, byte[] privateKey) throws SealedPartException {
        return new Opener(keyId, recipientPair(keyId, privateKey));
    }

    /** Opens parts with one recipient key ({@link #opener}); thread-safe. */
    public static final class Opener {
        private final String keyId;
        private final AsymmetricCipherKeyPair pair;

        private Opener(String keyId, AsymmetricCipherKeyPair pair) {
            this.keyId = keyId;
            this.pair = pair;
        }

        /** As {@link Sealing#open(Envelope, String, String, byte[])} with this opener's key. */
        public byte[] open(Envelope envelope, String partName) throws SealedPartException {
            return Sealing.open(envelope, partName, keyId, () -> pair);
        }

        @Override
        public String toString() {
            return "Opener[" + keyId + ", REDACTED]";
        }
    }

    /** Supplies the recipient's decoded key pair, checking it is {@code keyId}'s. */
    @FunctionalInterface
    private interface RecipientPair {
        AsymmetricCipherKeyPair get() throws SealedPartException;
    }

    /**
     * The decoded recipient key pair. BouncyCastle's {@code X25519PrivateKeyParameters} (inside the pair, and the one
     * {@link StudyKeys#x25519PublicKey} makes) keeps its own copy of the private key and offers no way to zero it:
     * that copy lives until the garbage collector takes the pair, after the caller has zeroed its own bytes. The
     * caller's array is never kept.
     */
    private static AsymmetricCipherKeyPair recipientPair(String keyId, byte[] privateKey) throws SealedPartException {
        if (privateKey == null || privateKey.length != StudyKeys.KEY_BYTES) {
            throw new SealedPartException("the private key given is not the key " + keyId);
        }
        byte[] publicKey = StudyKeys.x25519PublicKey(privateKey);
        if (!Secrets.equal(keyId, StudyKeys.fingerprint(publicKey))) {
            throw new SealedPartException("the private key given is not the key " + keyId);
        }
        try {
            return hpke().deserializePrivateKey(privateKey, publicKey);
        } catch (RuntimeException e) {
            throw new SealedPartException("the private key given is not the key " + keyId, e);
        }
    }

    private static byte[] open(Envelope envelope, String partName, String keyId, RecipientPair recipientKey)
            throws SealedPartException {
        if (envelope == null || envelope.header() == null || envelope.parts() == null) {
            throw new SealedPartException("not an envelope");
        }
        Envelope.SealedPart part = envelope.parts().get(partName);
        if (part == null || !Envelope.PART_NAMES.contains(partName)) {
            throw new SealedPartException("the envelope has no " + partName + " part");
        }
        List<String> present = new ArrayList<>(envelope.parts().keySet());
        present.sort(null);
        if (!present.equals(envelope.header().parts())) {
            throw new SealedPartException("the envelope's parts do not match its header");
        }
        Envelope.WrappedKey wrapped = recipient(part, keyId);
        AsymmetricCipherKeyPair recipientPair = recipientKey.get();
        byte[] aad = headerBytes(envelope.header());
        byte[] contentKey = null;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] enc = b64.decode(wrapped.enc());
            byte[] sealedKey = b64.decode(wrapped.wrappedKey());
            byte[] nonce = b64.decode(part.nonce());
            byte[] ciphertext = b64.decode(part.ciphertext());
            contentKey = hpke().setupBaseR(enc, recipientPair, info(partName)).open(aad, sealedKey);
            if (contentKey.length != CONTENT_KEY_BYTES || nonce.length != NONCE_BYTES) {
                throw new SealedPartException(cannotOpen(partName));
            }
            return gcm(Cipher.DECRYPT_MODE, contentKey, nonce, aad).doFinal(ciphertext);
        } catch (InvalidCipherTextException | GeneralSecurityException | RuntimeException e) {
            throw new SealedPartException(cannotOpen(partName), e);
        } finally {
            if (contentKey != null) {
                Arrays.fill(contentKey, (byte) 0);
            }
        }
    }

    /** The HPKE suite of docs/sealing.md: base mode, KEM 0x0020, KDF 0x0001, AEAD 0x0002. */
    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    static byte[] info(String partName) {
        return (INFO_PREFIX + partName).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Seals {@code contentKey} to each recipient with HPKE base mode single-shot ({@link #hpke()}), the given
     * {@code info} and associated data: the wrapping used for parts and attachments alike.
     *
     * @throws IllegalArgumentException for no recipients or a recipient whose key id is not its key's fingerprint
     */
    static List<Envelope.WrappedKey> wrapKey(byte[] contentKey, byte[] info, List<RecipientKey> recipients,
                                             byte[] aad) {
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        Base64.Encoder b64 = Base64.getEncoder();
        HPKE hpke = hpke();
        List<Envelope.WrappedKey> wrapped = new ArrayList<>();
        try {
            for (RecipientKey recipient : recipients) {
                if (!recipient.isConsistent()) {
                    throw new IllegalArgumentException("recipient key id is not its key's fingerprint: "
                            + recipient.fingerprint());
                }
                HPKEContextWithEncapsulation context = hpke.setupBaseS(
                        hpke.deserializePublicKey(recipient.publicKey()), info);
                byte[] sealedKey = context.seal(aad, contentKey);
                wrapped.add(new Envelope.WrappedKey(recipient.fingerprint(),
                        b64.encodeToString(context.getEncapsulation()), b64.encodeToString(sealedKey)));
            }
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("key wrapping failed: " + e.getMessage(), e);
        }
        return List.copyOf(wrapped);
    }

    /**
     * Opens the content key wrapped for {@code keyId} among {@code recipients} (HPKE, {@code info}, {@code aad}).
     * Checks that {@code privateKey} is {@code keyId}'s. The caller zeroes the returned key.
     */
    static byte[] unwrapKey(List<Envelope.WrappedKey> recipients, byte[] info, byte[] aad, String keyId,
                            byte[] privateKey, String what) throws SealedPartException {
        Envelope.WrappedKey wrapped = null;
        if (recipients != null && keyId != null) {
            for (Envelope.WrappedKey w : recipients) {
                if (w != null && keyId.equals(w.keyId())) {
                    wrapped = w;
                    break;
                }
            }
        }
        if (wrapped == null) {
            throw new SealedPartException("the key " + keyId + " is not a recipient of " + what);
        }
        if (privateKey == null || privateKey.length != StudyKeys.KEY_BYTES
                || !Secrets.equal(keyId, StudyKeys.fingerprint(StudyKeys.x25519PublicKey(privateKey)))) {
            throw new SealedPartException("the private key given is not the key " + keyId);
        }
        byte[] contentKey;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            HPKE hpke = hpke();
            AsymmetricCipherKeyPair recipientPair = hpke.deserializePrivateKey(privateKey,
                    StudyKeys.x25519PublicKey(privateKey));
            contentKey = hpke.setupBaseR(b64.decode(wrapped.enc()), recipientPair, info)
                    .open(aad, b64.decode(wrapped.wrappedKey()));
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new SealedPartException(what + " cannot be opened: it was altered or the key is wrong", e);
        }
        if (contentKey.length != CONTENT_KEY_BYTES) {
            Arrays.fill(contentKey, (byte) 0);
            throw new SealedPartException(what + " cannot be opened: it was altered or the key is wrong");
        }
        return contentKey;
    }

    private static Envelope.SealedPart sealPart(String name, byte[] plaintext, List<RecipientKey> recipients,
                                                byte[] aad) {
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("part " + name + " has no recipients");
        }
        byte[] contentKey = Secrets.randomBytes(CONTENT_KEY_BYTES);
        try {
            byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, contentKey, nonce, aad).doFinal(plaintext);
            Base64.Encoder b64 = Base64.getEncoder();
            return new Envelope.SealedPart(b64.encodeToString(nonce), b64.encodeToString(ciphertext),
                    wrapKey(contentKey, info(name), recipients, aad));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    private static Envelope.WrappedKey recipient(Envelope.SealedPart part, String keyId)
            throws SealedPartException {
        if (part.recipients() != null && keyId != null) {
            for (Envelope.WrappedKey w : part.recipients()) {
                if (w != null && keyId.equals(w.keyId())) {
                    return w;
                }
            }
        }
        throw new SealedPartException("the key " + keyId + " is not a recipient of this part");
    }

    static Cipher gcm(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }

    private static String cannotOpen(String partName) {
        return "the " + partName + " part cannot be opened: the envelope was altered or the key is wrong";
    }
}
