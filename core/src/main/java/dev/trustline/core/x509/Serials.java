package dev.trustline.core.x509;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 127 bits from a CSPRNG, positive, at most 16 octets (RFC 5280: <= 20).
 * Printed and stored in one form everywhere: {@link #hex}.
 */
public final class Serials {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Serials() {
    }

    public static BigInteger random() {
        BigInteger serial;
        do {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            bytes[0] &= 0x7f;
            serial = new BigInteger(1, bytes);
        } while (serial.bitLength() < 64);
        return serial;
    }

    /**
     * The serial as lowercase hex of its unsigned big-endian octets, always an even number of digits
     * (leading zero kept: {@code 0a1b...}, never {@code a1b...}); what {@code openssl x509 -serial} prints,
     * in lowercase.
     */
    public static String hex(BigInteger serial) {
        String hex = serial.toString(16);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }
}
