package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SerialNumberLintTest {
    static Stream<LintCase> cases() {
        return Stream.of(
                passes("serialNumber_random16Bytes_passes", asLeaf(Chain.leaf())),
                passes("serialNumber_exactly64Bits_passes", leafWith(BigInteger.ONE.shiftLeft(63))),
                passes("serialNumber_20Octets_passes", leafWith(BigInteger.ONE.shiftLeft(158))),
                fails("serialNumber_zero_isRejected", leafWith(BigInteger.ZERO), "serialNumber is zero"),
                fails("serialNumber_negative_isRejected", leafWith(BigInteger.ONE.shiftLeft(100).negate()),
                        "serialNumber is negative"),
                fails("serialNumber_21Octets_isRejected", leafWith(BigInteger.ONE.shiftLeft(160)),
                        "encoded in 21 octets; at most 20"),
                fails("serialNumber_63Bits_isRejected", leafWith(BigInteger.ONE.shiftLeft(62)),
                        "63 bits of value; at least 64"));
    }

    private static CertificateUnderLint leafWith(BigInteger serial) {
        return asLeaf(Chain.leafBuilder().serial(serial).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new SerialNumberLint());
    }
}
