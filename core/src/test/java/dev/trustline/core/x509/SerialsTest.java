package dev.trustline.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SerialsTest {
    @Test
    void hex_serialWithLeadingZeroNibble_keepsIt() {
        assertEquals("0a1b", Serials.hex(new BigInteger("a1b", 16)));
        assertEquals("01", Serials.hex(BigInteger.ONE));
        assertEquals("7fff", Serials.hex(new BigInteger("7fff", 16)));
    }

    @Test
    void hex_randomSerials_areAlwaysEvenLength() {
        for (int i = 0; i < 2000; i++) {
            String hex = Serials.hex(Serials.random());
            assertTrue(hex.length() % 2 == 0 && hex.matches("[0-9a-f]+"), hex);
        }
    }
}
