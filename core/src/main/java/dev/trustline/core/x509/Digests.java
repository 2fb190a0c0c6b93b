package dev.trustline.core.x509;

import dev.trustline.core.digest.Sha256;

/** SHA-256 helpers for fingerprints and transcript hashes (lowercase hex); see {@link Sha256}. */
public final class Digests {
    private Digests() {
    }

    public static byte[] sha256(byte[] data) {
        return Sha256.digest(data);
    }

    public static String sha256Hex(byte[] data) {
        return Sha256.hex(data);
    }
}
