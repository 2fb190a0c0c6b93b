package dev.trustline.core.lint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** serialNumber is positive, at most 20 octets long, and carries at least 64 bits of value. */
public final class SerialNumberLint implements Lint {
    static final int MAX_OCTETS = 20;
    static final int MIN_BITS = 64;

    @Override
    public String name() {
        return "serial-number";
    }

    @Override
    public List<String> check(CertificateUnderLint subject) {
        BigInteger serial = subject.certificate().getSerialNumber();
        if (serial.signum() == 0) {
            return List.of("serialNumber is zero");
        }
        if (serial.signum() < 0) {
            return List.of("serialNumber is negative");
        }
        List<String> problems = new ArrayList<>();
        int octets = serial.toByteArray().length;
        if (octets > MAX_OCTETS) {
            problems.add("serialNumber is encoded in " + octets + " octets; at most " + MAX_OCTETS + " are allowed");
        }
        if (serial.bitLength() < MIN_BITS) {
            problems.add("serialNumber has " + serial.bitLength() + " bits of value; at least " + MIN_BITS
                    + " are required");
        }
        return problems;
    }
}
