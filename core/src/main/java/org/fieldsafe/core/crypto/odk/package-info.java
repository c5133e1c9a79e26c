/**
 * ODK encryption as ODK Collect applies it to a finalised submission, so that Fieldsafe can accept ODK-encrypted
 * submissions sealed and let only the research key holder open them: the study's RSA key pair
 * ({@link org.fieldsafe.core.crypto.odk.OdkRsaKeys}), the plaintext submission manifest
 * ({@link org.fieldsafe.core.crypto.odk.OdkManifest}), the per-file cipher
 * ({@link org.fieldsafe.core.crypto.odk.OdkCipher}) and the opening of a whole submission with its MD5 element
 * signature ({@link org.fieldsafe.core.crypto.odk.OdkSubmissionOpener}). Only the JDK's providers are used, with
 * every OAEP parameter spelled out (the JDK default for "OAEPWithSHA-256AndMGF1Padding" hashes MGF1 with SHA-1,
 * which Collect does not).
 */
package org.fieldsafe.core.crypto.odk;
