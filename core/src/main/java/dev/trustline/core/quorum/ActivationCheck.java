package dev.trustline.core.quorum;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The roster's check value for the activation secret: HMAC-SHA256 keyed with the secret over
 * the ASCII label "trustline-activation-check-v1", as 64 lowercase hex digits. It confirms a
 * reconstruction without revealing the secret.
 */
public final class ActivationCheck {
    static final String LABEL = "trustline-activation-check-v1";

    private ActivationCheck() {
    }

    /** Constant-time comparison of {@code secret}'s check value with {@code checkHex}. */
    public static boolean matches(byte[] secret, String checkHex) {
        byte[] expected = compute(secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, checkHex.getBytes(StandardCharsets.US_ASCII));
    }

    public static String compute(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Bytes.hex(mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
