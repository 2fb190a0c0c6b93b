package dev.trustline.core.quorum;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for card blobs. The associated data binds the blob to its card and field:
 * {@code "trustline-card-v1|" + officerId + "|" + rosterId + "|" + blobName}.
 */
final class CardCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private CardCipher() {
    }

    static byte[] aad(String officerId, String rosterId, String blobName) {
        return ("trustline-card-v1|" + officerId + "|" + rosterId + "|" + blobName).getBytes(StandardCharsets.UTF_8);
    }

    static SealedBlob seal(byte[] key, byte[] aad, byte[] plaintext, SecureRandom random) {
        byte[] nonce = new byte[SealedBlob.NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, aad);
            return new SealedBlob(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    /** Opens a blob; returns null when the tag does not verify (wrong key or altered data). */
    static byte[] open(byte[] key, byte[] aad, SealedBlob blob) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, blob.nonce(), aad);
            return cipher.doFinal(blob.ciphertext());
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(SealedBlob.TAG_BYTES * 8, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }
}
