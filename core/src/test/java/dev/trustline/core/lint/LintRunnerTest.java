package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.Chain.asRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;

class LintRunnerTest {
    static final List<String> STANDARD_NAMES = List.of("validity-nested", "basic-constraints", "key-usage",
            "ext-key-usage", "serial-number", "subject-name", "no-duplicate-extensions", "key-strength",
            "signature-algorithm", "name-constraints", "key-identifiers", "issuer-name");

    @Test
    void standard_runsTheTwelveLintsInOrder() {
        assertEquals(STANDARD_NAMES, LintRunner.standard().names());
        assertEquals(STANDARD_NAMES, LintRunner.preSigning(Chain.ROOT_KEYS.getPublic()).names());
    }

    @Test
    void wellFormedRootAndScopedIntermediate_passEveryLint() {
        for (CertificateUnderLint subject : List.of(asRoot(Chain.root()), asIntermediate(Chain.intermediate()),
                asLeaf(Chain.leaf()))) {
            LintReport report = LintRunner.standard().run(subject);
            assertEquals(List.of(), report.failureMessages(), subject.kind().toString());
            assertEquals(STANDARD_NAMES, report.passedNames());
        }
    }

    @Test
    void fixtureChain_isAlsoAcceptedByPkixPathValidation() throws Exception {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        X509Certificate root = converter.getCertificate(Chain.root());
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(
                converter.getCertificate(Chain.leaf()), converter.getCertificate(Chain.intermediate())));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(Instant.parse("2025-07-01T00:00:00Z")));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    @Test
    void preSigning_acceptsTheThrowawaySignature_whichTheStandardRunRejects() {
        KeyPair throwaway = Keys.p384("throwaway");
        CertificateUnderLint subject = asIntermediate(Chain.intermediateBuilder()
                .signingKey(throwaway.getPrivate()).build());
        assertTrue(LintRunner.preSigning(throwaway.getPublic()).run(subject).passed());
        LintReport standard = LintRunner.standard().run(subject);
        assertEquals(List.of("signature-algorithm: signature does not verify under the issuer's public key"),
                standard.failureMessages());
    }

    @Test
    void malformedExtension_failsOnlyItsLint_asCouldNotParse() {
        CertificateUnderLint subject = asLeaf(Chain.leafBuilder()
                .extension(Extension.keyUsage, true, new ASN1Integer(7)).build());
        LintReport report = LintRunner.standard().run(subject);
        assertEquals(STANDARD_NAMES.size(), report.results().size());
        assertEquals(1, report.failureMessages().size(), report.failureMessages().toString());
        assertTrue(report.failureMessages().get(0).startsWith("key-usage: could not parse certificate: "),
                report.failureMessages().get(0));
    }

    @Test
    void throwingLint_isRecorded_andLaterLintsStillRun() {
        Lint broken = new Lint() {
            @Override
            public String name() {
                return "always-throws";
            }

            @Override
            public List<String> check(CertificateUnderLint subject) {
                throw new IllegalStateException("boom");
            }
        };
        LintReport report = new LintRunner(List.of(broken, new IssuerNameLint())).run(asLeaf(Chain.leaf()));
        assertEquals(List.of("always-throws: could not parse certificate: boom"), report.failureMessages());
        assertEquals(List.of("issuer-name"), report.passedNames());
    }

    @Test
    void failedReport_throwsLintExceptionNamingEveryProblem() {
        CertificateUnderLint subject = asLeaf(Chain.leafBuilder().keys(Keys.rsa(2048))
                .without(Extension.keyUsage).build());
        LintReport report = LintRunner.standard().run(subject);
        assertFalse(report.passed());
        LintException e = assertThrows(LintException.class, report::throwIfFailed);
        assertTrue(e.getMessage().contains("key-usage: keyUsage extension is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("key-strength: RSA modulus is 2048 bits"), e.getMessage());
    }
}
