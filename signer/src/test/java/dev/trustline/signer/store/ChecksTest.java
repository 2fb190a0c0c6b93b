package dev.trustline.signer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry records' hex checks: what [0-9a-f]+ and [0-9a-f]{64} accepted, after lower-casing. */
class ChecksTest {
    private static final String SHA = "0123456789abcdef".repeat(4);

    @Test
    void hexAndSha256_upperCase_areLowered() {
        assertEquals("00ff", Checks.hex("00FF", "serialHex"));
        assertEquals(SHA, Checks.sha256(SHA.toUpperCase(), "fingerprintSha256"));
    }

    @ParameterizedTest(name = "hex \"{0}\"")
    @ValueSource(strings = {"xyz", "0g", "12 34", "-1", "0x12", "\u0663\u0664", "ab\u00e9"})
    void hex_notHexadecimal_isRefused(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.hex(value, "serialHex"));
        assertEquals("serialHex must be hexadecimal: " + value, e.getMessage());
    }

    @ParameterizedTest(name = "sha256 of {0} characters")
    @ValueSource(ints = {1, 63, 65, 128})
    void sha256_wrongLength_isRefused(int length) {
        String value = "a".repeat(length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.sha256(value, "issuerFingerprint"));
        assertEquals("issuerFingerprint must be 64 hex digits (SHA-256): " + value, e.getMessage());
    }

    @Test
    void sha256_oneNonHexCharacter_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Checks.sha256(SHA.substring(0, 63) + "g", "publicKeySha256"));
    }

    @Test
    void blank_isRefusedAsBlank() {
        assertEquals("serialHex must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Checks.hex(" ", "serialHex")).getMessage());
    }
}
