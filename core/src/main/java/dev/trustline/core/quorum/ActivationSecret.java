package dev.trustline.core.quorum;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The 32-byte random secret that the officers' shares rebuild and that becomes the HSM token's
 * user PIN ({@link #toPin()}). {@link #wipe()} (or {@link #close()}) zeroes it; using it
 * afterwards throws {@link IllegalStateException}. {@code toString()} never shows it.
 */
public final class ActivationSecret implements AutoCloseable {
    public static final int BYTES = 32;

    private final byte[] secret;
    private boolean wiped;

    private ActivationSecret(byte[] secret) {
        this.secret = secret;
    }

    public static ActivationSecret generate(SecureRandom random) {
        byte[] secret = new byte[BYTES];
        random.nextBytes(secret);
        return new ActivationSecret(secret);
    }

    /** Takes a copy of {@code secret} (e.g. from {@link ShamirSplit#joinVerified}); the caller wipes its own. */
    public static ActivationSecret of(byte[] secret) {
        if (secret.length != BYTES) {
            throw new IllegalArgumentException("an activation secret is " + BYTES + " bytes, not " + secret.length);
        }
        return new ActivationSecret(secret.clone());
    }

    /** A copy of the secret bytes: the caller wipes it. */
    public byte[] bytes() {
        checkLive();
        return secret.clone();
    }

    /** The token user PIN: base64url of the 32 bytes without padding (43 characters). Caller wipes it. */
    public char[] toPin() {
        checkLive();
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(secret);
        char[] pin = new char[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            pin[i] = (char) encoded[i];
        }
        Bytes.wipe(encoded);
        return pin;
    }

    /** The roster check value of this secret. */
    public String checkHex() {
        checkLive();
        return ActivationCheck.compute(secret);
    }

    public void wipe() {
        Bytes.wipe(secret);
        wiped = true;
    }

    @Override
    public void close() {
        wipe();
    }

    public boolean isWiped() {
        return wiped;
    }

    private void checkLive() {
        if (wiped) {
            throw new IllegalStateException("the activation secret was wiped");
        }
    }

    @Override
    public String toString() {
        return wiped ? "ActivationSecret[wiped]" : "ActivationSecret[32 bytes]";
    }
}
