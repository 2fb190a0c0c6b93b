package dev.trustline.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

class DeviceIdChecksumTest {
    private static final DeviceIdRule GATEWAYS = new DeviceIdRule(Pattern.compile("GW[0-9]{10}"),
            DeviceIdChecksum.LUHN, CsrField.CN);

    @Test
    void luhn_knownAnswers() {
        assertTrue(DeviceIdChecksum.LUHN.isValid("79927398713"));
        assertFalse(DeviceIdChecksum.LUHN.isValid("79927398710"));
        assertTrue(DeviceIdChecksum.LUHN.isValid("GW1234567897"), "letters are ignored");
        assertFalse(DeviceIdChecksum.LUHN.isValid("GW1234567890"));
        assertFalse(DeviceIdChecksum.LUHN.isValid("GW"), "no digits, no check digit");
    }

    @Test
    void iso7064Mod97_knownAnswers() {
        // ISO 7064 MOD 97-10 example; python3 -c "print(int('3214282912345698765432161182') % 97)" prints 1
        assertTrue(DeviceIdChecksum.ISO7064_MOD97_10.isValid("3214282912345698765432161182"));
        assertFalse(DeviceIdChecksum.ISO7064_MOD97_10.isValid("3214282912345698765432161181"));
        // G=16, W=32: python3 -c "print(int('1632' '12345678' '49') % 97)" prints 1
        assertTrue(DeviceIdChecksum.ISO7064_MOD97_10.isValid("GW1234567849"));
        assertTrue(DeviceIdChecksum.ISO7064_MOD97_10.isValid("gw1234567849"), "letters in either case");
        assertFalse(DeviceIdChecksum.ISO7064_MOD97_10.isValid("GW1234567848"));
        assertFalse(DeviceIdChecksum.ISO7064_MOD97_10.isValid("GV1234567849"), "a changed letter is caught");
    }

    @Test
    void none_acceptsAnything() {
        assertTrue(DeviceIdChecksum.NONE.isValid("GW1234567890"));
    }

    @Test
    void configNames_roundTrip() {
        for (DeviceIdChecksum c : DeviceIdChecksum.values()) {
            assertEquals(Optional.of(c), DeviceIdChecksum.fromConfigName(c.configName()));
        }
        assertEquals("luhn, iso7064-mod97-10, none", DeviceIdChecksum.allowedNames());
    }

    @Test
    void rule_acceptsAValidId() {
        assertEquals(Optional.empty(), GATEWAYS.violation("GW1234567897"));
    }

    @Test
    void rule_patternMismatch_isNamed() {
        assertEquals(Optional.of("device ID 'GW123' does not match pattern GW[0-9]{10}"), GATEWAYS.violation("GW123"));
        assertEquals(Optional.of("device ID 'GW12345678977' does not match pattern GW[0-9]{10}"),
                GATEWAYS.violation("GW12345678977"), "the pattern must match the whole ID");
    }

    @Test
    void rule_checksumFailure_isNamed() throws Exception {
        PolicyException e = assertThrows(PolicyException.class, () -> GATEWAYS.check("GW1234567890"));
        assertEquals("device ID 'GW1234567890' fails its luhn checksum", e.getMessage());
        GATEWAYS.check("GW1234567897");
    }

    @Test
    void rule_csrCnMustEqualTheDeviceId() throws Exception {
        GATEWAYS.checkCsrSubject(new X500Name("CN=GW1234567897"), "GW1234567897");
        PolicyException e = assertThrows(PolicyException.class,
                () -> GATEWAYS.checkCsrSubject(new X500Name("CN=GW0000000018"), "GW1234567897"));
        assertEquals("the CSR subject CN 'GW0000000018' is not the device ID 'GW1234567897'", e.getMessage());
        assertThrows(PolicyException.class, () -> GATEWAYS.checkCsrSubject(new X500Name("O=x"), "GW1234567897"));
        new DeviceIdRule(GATEWAYS.pattern(), DeviceIdChecksum.LUHN, CsrField.NONE)
                .checkCsrSubject(new X500Name("O=x"), "GW1234567897");
    }
}
