package dev.trustline.core.quorum;

import java.util.Arrays;

/**
 * One AES-256-GCM sealed field of an officer card: a 12-byte random nonce and the ciphertext
 * with its 16-byte tag appended. Arrays are copied in and out.
 */
public record SealedBlob(byte[] nonce, byte[] ciphertext) {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    public SealedBlob {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes, not " + nonce.length);
        }
        if (ciphertext.length < TAG_BYTES) {
            throw new IllegalArgumentException("ciphertext is shorter than the " + TAG_BYTES + "-byte tag");
        }
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedBlob that && Arrays.equals(nonce, that.nonce) && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nonce) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedBlob[" + ciphertext.length + " bytes]";
    }
}
