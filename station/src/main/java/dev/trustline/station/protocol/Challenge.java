package dev.trustline.station.protocol;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * What a device signs for {@code sign_challenge}: the ASCII prefix {@code trustline-challenge-v1:}
 * followed by the station's 32 random bytes. The prefix keeps the device key from signing anything a
 * station sends verbatim (it can never be made to sign a CSR, a certificate or a TLS transcript).
 */
public final class Challenge {
    public static final String PREFIX = "trustline-challenge-v1:";
    public static final int NONCE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Challenge() {
    }

    public static byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    public static byte[] message(byte[] nonce) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] m = new byte[prefix.length + nonce.length];
        System.arraycopy(prefix, 0, m, 0, prefix.length);
        System.arraycopy(nonce, 0, m, prefix.length, nonce.length);
        return m;
    }
}
