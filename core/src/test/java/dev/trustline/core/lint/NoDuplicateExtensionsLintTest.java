package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NoDuplicateExtensionsLintTest {
    static Stream<LintCase> cases() {
        return Stream.of(
                passes("noDuplicateExtensions_leaf_passes", asLeaf(Chain.leaf())),
                passes("noDuplicateExtensions_intermediate_passes", asIntermediate(Chain.intermediate())),
                fails("noDuplicateExtensions_keyUsageTwice_isRejected",
                        asLeaf(Chain.leafBuilder().duplicate(Extension.keyUsage).build()),
                        "extension keyUsage (2.5.29.15) occurs 2 times"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new NoDuplicateExtensionsLint());
    }

    @Test
    void twoRepeatedExtensions_areEachReported() {
        X509CertificateHolder cert = Chain.leafBuilder().duplicate(Extension.keyUsage)
                .duplicate(Extension.extendedKeyUsage).duplicate(Extension.keyUsage).build();
        assertEquals(2, new NoDuplicateExtensionsLint().check(asLeaf(cert)).size());
        assertTrue(new NoDuplicateExtensionsLint().check(asLeaf(cert)).get(0).contains("occurs 3 times"));
    }

    @Test
    void bouncyCastleRefusesRepeatedExtensions_unlessParsedLeniently() throws Exception {
        byte[] der = Chain.leafBuilder().duplicate(Extension.keyUsage).build().getEncoded();
        IOException refused = assertThrows(IOException.class,
                () -> new X509CertificateHolder(der));
        assertTrue(refused.getMessage().contains("repeated extension"), refused.getMessage());
        assertEquals(1, new NoDuplicateExtensionsLint().check(asLeaf(LenientCertificateParser.parse(der))).size());
        assertFalse(Properties.isOverrideSet(LenientCertificateParser.IGNORE_REPEATED_EXTENSIONS),
                "the lenient parser must not leave the override set");
    }
}
