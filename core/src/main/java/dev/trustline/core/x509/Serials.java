package dev.trustline.core.x509;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Certificate serial numbers: 127 bits from a CSPRNG, positive, at most 16 octets (RFC 5280: <= 20). */
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
}
