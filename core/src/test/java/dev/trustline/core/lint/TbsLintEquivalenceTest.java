package dev.trustline.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Linting the TBS itself ({@link LintRunner#beforeSigning} on {@link CertificateUnderLint#unsigned}) finds exactly
 * what the full run finds on the signed certificate, for every row of every lint table, except the checks of the
 * signature value itself (it verifies; outer and TBS algorithms agree), which the signer makes after the HSM signs
 * (the signature verified over the linted bytes, the signed TBS compared with them).
 */
class TbsLintEquivalenceTest {
    static Stream<LintCase> allCases() {
        return Stream.of(BasicConstraintsLintTest.cases(), ExtKeyUsageLintTest.cases(), IssuerNameLintTest.cases(),
                KeyIdentifiersLintTest.cases(), KeyStrengthLintTest.cases(), KeyUsageLintTest.cases(),
                NameConstraintsLintTest.cases(), NoDuplicateExtensionsLintTest.cases(), SerialNumberLintTest.cases(),
                SignatureAlgorithmLintTest.standardCases(), SubjectNameLintTest.cases(), ValidityNestedLintTest.cases())
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void lintOnTbs_findsWhatTheSignedRunFinds(LintCase c) {
        CertificateUnderLint signed = c.subject();
        CertificateUnderLint tbs = CertificateUnderLint.unsigned(
                signed.certificate().toASN1Structure().getTBSCertificate(), signed.issuer(), signed.kind());
        List<String> expected = LintRunner.standard().run(signed).failureMessages().stream()
                .filter(m -> !signatureValueCheck(m)).toList();
        assertEquals(expected, LintRunner.beforeSigning().run(tbs).failureMessages(), c.name());
    }

    @Test
    void unsignedTbs_isRefusedByTheRunsThatVerifySignatures() {
        CertificateUnderLint tbs = CertificateUnderLint.unsigned(Chain.leaf().toASN1Structure().getTBSCertificate(),
                Chain.intermediate(), CertKind.LEAF);
        assertFalse(tbs.signed());
        assertTrue(LintRunner.beforeSigning().run(tbs).passed());
        assertEquals(List.of("signature-algorithm: the certificate is not signed (only the TBS was given)"),
                LintRunner.standard().run(tbs).failureMessages());
        assertFalse(LintRunner.preSigning(Chain.INTERMEDIATE_KEYS.getPublic()).run(tbs).passed());
    }

    private static boolean signatureValueCheck(String message) {
        return message.startsWith("signature-algorithm: ") && (message.contains("does not verify")
                || message.contains("could not verify") || message.contains("differs from the TBS signature field"));
    }
}
