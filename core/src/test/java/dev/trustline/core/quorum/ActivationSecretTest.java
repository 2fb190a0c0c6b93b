package dev.trustline.core.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ActivationSecretTest {
    @Test
    void toPin_isUnpaddedBase64urlOfTheBytes() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0xf0 + i);
        }
        try (ActivationSecret secret = ActivationSecret.of(bytes)) {
            char[] pin = secret.toPin();
            assertEquals(43, pin.length);
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), new String(pin));
            assertTrue(new String(pin).matches("[A-Za-z0-9_-]{43}"));
        }
    }

    @Test
    void checkHex_knownAnswer() {
        // HMAC-SHA256(key = 32 zero bytes, "trustline-activation-check-v1"), computed independently with openssl
        ActivationSecret secret = ActivationSecret.of(new byte[32]);
        assertEquals("773b844caf553cd67562e00fdf41f790d9dfbe12f7a6dd0ecee17a172d194d87", secret.checkHex());
        assertTrue(ActivationCheck.matches(new byte[32], secret.checkHex()));
    }

    @Test
    void wipe_zeroesAndRefusesUse() {
        ActivationSecret secret = ActivationSecret.generate(QuorumFixtures.RANDOM);
        assertFalse(secret.toString().contains("="));
        secret.wipe();
        assertTrue(secret.isWiped());
        assertEquals("ActivationSecret[wiped]", secret.toString());
        assertThrows(IllegalStateException.class, secret::toPin);
        assertThrows(IllegalStateException.class, secret::bytes);
    }

    @Test
    void of_wrongLength_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> ActivationSecret.of(new byte[31]));
    }
}
