package org.fieldsafe.core.crypto.odk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.Secrets;

/**
 * The study's RSA key pair for ODK encryption. The public key travels in each XForm as {@code base64RsaPublicKey}
 * (base64 of the X.509 SubjectPublicKeyInfo DER, as Collect reads it); the private key is kept as PKCS#8 DER and,
 * on the server, only wrapped for the research key's holders like every other study private key.
 */
public final class OdkRsaKeys {
    /** The modulus size Collect and Central use. */
    public static final int KEY_BITS = 2048;

    private OdkRsaKeys() {
    }

    /** A fresh pair: public = SubjectPublicKeyInfo DER, private = PKCS#8 DER. */
    public static KeyPairBytes generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, Secrets.random());
            KeyPair pair = generator.generateKeyPair();
            return new KeyPairBytes(pair.getPublic().getEncoded(), pair.getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is required of every JVM", e);
        }
    }

    /** The form's {@code base64RsaPublicKey}: base64 of the SubjectPublicKeyInfo DER, no line breaks. */
    public static String base64PublicKey(byte[] subjectPublicKeyInfo) {
        return Base64.getEncoder().encodeToString(subjectPublicKeyInfo);
    }

    public static PublicKey publicKey(byte[] subjectPublicKeyInfo) throws CryptoException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CryptoException("not an RSA public key");
        }
    }

    public static PrivateKey privateKey(byte[] pkcs8) throws CryptoException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CryptoException("not an RSA private key");
        }
    }

    /** The public key (SubjectPublicKeyInfo DER) that belongs to a PKCS#8 private key. */
    public static byte[] publicKeyOf(byte[] pkcs8) throws CryptoException {
        PrivateKey key = privateKey(pkcs8);
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new CryptoException("the RSA private key carries no public exponent");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("not an RSA private key");
        }
    }

    /**
     * A private key from PEM text as ODK tools write it: {@code RSA PRIVATE KEY} (PKCS#1, what Briefcase users
     * hold, e.g. made by {@code openssl genrsa}) or {@code PRIVATE KEY} (PKCS#8). Returns PKCS#8 DER.
     */
    public static byte[] pkcs8FromPem(String pem) throws CryptoException {
        String text = pem == null ? "" : pem.strip();
        boolean pkcs1 = text.startsWith("-----BEGIN RSA PRIVATE KEY-----");
        if (!pkcs1 && !text.startsWith("-----BEGIN PRIVATE KEY-----")) {
            throw new CryptoException("not a PEM RSA private key (expected BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        }
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("the PEM body is not base64");
        }
        if (pkcs1) {
            try {
                der = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der)).getEncoded();
            } catch (IOException | RuntimeException e) {
                throw new CryptoException("not an RSA private key");
            }
        }
        privateKey(der);
        return der;
    }
}
