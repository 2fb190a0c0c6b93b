package dev.trustline.ceremony.quorum;

import dev.trustline.core.quorum.ActivationSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token's SO PIN, derived from the activation secret (HMAC-SHA256 with a fixed label), so the
 * same M-of-N quorum that can log in is the only way to act as security officer; nobody sees it.
 */
final class SoPin {
    private SoPin() {
    }

    static char[] from(ActivationSecret secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = secret.bytes();
            try {
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
            byte[] raw = mac.doFinal("trustline-so-pin-v1".getBytes(StandardCharsets.US_ASCII));
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
            } finally {
                java.util.Arrays.fill(raw, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
