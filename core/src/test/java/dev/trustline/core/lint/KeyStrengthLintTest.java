package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.Chain.asRoot;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.security.KeyPair;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyStrengthLintTest {
    static Stream<LintCase> cases() {
        return Stream.of(
                passes("keyStrength_p384Root_passes", asRoot(Chain.root())),
                passes("keyStrength_p256Intermediate_passes", asIntermediate(Chain.intermediate())),
                passes("keyStrength_rsa3072Leaf_passes", leafWith(Keys.rsa(3072))),
                passes("keyStrength_ed25519Leaf_passes", leafWith(Keys.ed25519("leaf"))),
                fails("keyStrength_rsa2048_isRejected", leafWith(Keys.rsa(2048)),
                        "RSA modulus is 2048 bits; at least 3072"),
                fails("keyStrength_rsaExponent3_isRejected", leafWith(Keys.rsaWithExponent3()),
                        "RSA public exponent is 3; 65537 is required"),
                fails("keyStrength_p521_isRejected", leafWith(Keys.ec("secp521r1")),
                        "EC curve P-521 (1.3.132.0.35) is not allowed"),
                fails("keyStrength_secp256k1_isRejected", leafWith(Keys.ec("secp256k1")),
                        "EC curve secp256k1"),
                fails("keyStrength_explicitCurveParameters_isRejected", asLeaf(Chain.leafBuilder()
                        .publicKeyInfo(explicitParameters(Chain.LEAF_KEYS)).build()),
                        "EC key does not name its curve"),
                fails("keyStrength_ed25519Intermediate_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .keys(Keys.ed25519("ca")).build()),
                        "Ed25519 keys are allowed on leaf certificates only"),
                fails("keyStrength_ed448_isRejected", leafWith(Keys.ed448()),
                        "public key algorithm ED448 (1.3.101.113) is not allowed"));
    }

    private static CertificateUnderLint leafWith(KeyPair keys) {
        return asLeaf(Chain.leafBuilder().keys(keys).build());
    }

    /** The same P-256 point, but with the curve spelled out instead of named. */
    private static SubjectPublicKeyInfo explicitParameters(KeyPair keys) {
        SubjectPublicKeyInfo named = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        X962Parameters explicit = new X962Parameters(ECNamedCurveTable.getByName("secp256r1"));
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, explicit),
                named.getPublicKeyData().getBytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new KeyStrengthLint());
    }
}
