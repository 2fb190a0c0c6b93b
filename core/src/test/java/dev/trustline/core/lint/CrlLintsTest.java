package dev.trustline.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CrlLintsTest {
    /** One row: the rule expected to fail (null: none) and a fragment of its single problem. */
    record CrlCase(String name, CrlUnderLint subject, String rule, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CrlCase> cases() {
        Instant t = Instant.parse("2025-07-01T00:00:00Z");
        return Stream.of(
                new CrlCase("crl_wellFormed_passes", TestCrls.builder().underLint(), null, null),
                new CrlCase("crl_byRoot_passes", TestCrls.builder().issuedBy(Chain.root(),
                        Chain.ROOT_KEYS.getPrivate()).underLint(), null, null),
                fails("crl_nextUpdateMissing_isRejected", TestCrls.builder().updates(t, null),
                        "crl-validity", "nextUpdate is missing"),
                fails("crl_thisUpdateNotBeforeNext_isRejected", TestCrls.builder().updates(t, t),
                        "crl-validity", "is not before nextUpdate"),
                fails("crl_nextUpdateAfterIssuerNotAfter_isRejected", TestCrls.builder().updates(t, Instant.parse("2041-01-01T00:00:00Z")),
                        "crl-validity", "is after the issuer's notAfter 2040-01-01T00:00:00Z"),
                fails("crl_numberMissing_isRejected", TestCrls.builder().crlNumber(null),
                        "crl-number", "cRLNumber extension is missing"),
                fails("crl_numberNegative_isRejected", TestCrls.builder().crlNumber(new ASN1Integer(-1)),
                        "crl-number", "cRLNumber is negative"),
                fails("crl_numberNotAnInteger_isRejected", TestCrls.builder().crlNumber(new DEROctetString(new byte[1])),
                        "crl-number", "could not parse CRL"),
                fails("crl_akiMissing_isRejected", TestCrls.builder().withoutAuthorityKeyId(),
                        "crl-authority-key-identifier", "authorityKeyIdentifier is missing"),
                fails("crl_akiWithoutKeyId_isRejected", TestCrls.builder().authorityKeyId(new AuthorityKeyIdentifier(
                        new GeneralNames(new GeneralName(Chain.root().getSubject())), BigInteger.ONE)),
                        "crl-authority-key-identifier", "has no keyIdentifier"),
                fails("crl_akiNotIssuerSki_isRejected", TestCrls.builder()
                        .authorityKeyId(new AuthorityKeyIdentifier(new byte[20])),
                        "crl-authority-key-identifier", "does not equal the issuer's subjectKeyIdentifier"),
                fails("crl_issuerWithoutSki_isRejected", TestCrls.builder().issuedBy(
                        Chain.intermediateBuilder().without(Extension.subjectKeyIdentifier).build(),
                        Chain.INTERMEDIATE_KEYS.getPrivate()),
                        "crl-authority-key-identifier", "the issuer's subjectKeyIdentifier is missing"),
                fails("crl_issuerNameMismatch_isRejected", TestCrls.builder()
                        .issuerName(new X500Name("O=Acme,CN=Someone Else")),
                        "crl-issuer-name", "does not equal the issuer certificate's subject"),
                fails("crl_wrongSigningKey_isRejected", TestCrls.builder()
                        .signingKey(Keys.p256("stranger").getPrivate()),
                        "crl-signature", "signature does not verify"),
                fails("crl_garbageSignature_isRejected", TestCrls.builder().signatureBits(new byte[] {1, 2, 3}),
                        "crl-signature", "could not verify signature"),
                fails("crl_issuerWithoutKeyUsage_isRejected", issuedBy(
                        Chain.intermediateBuilder().without(Extension.keyUsage).build()),
                        "crl-issuer-key-usage", "issuer certificate has no keyUsage extension"),
                fails("crl_issuerWithoutCrlSign_isRejected", issuedBy(Chain.intermediateBuilder()
                        .extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign)).build()),
                        "crl-issuer-key-usage", "lacks cRLSign"));
    }

    private static CrlCase fails(String name, TestCrls crl, String rule, String expected) {
        return new CrlCase(name, crl.underLint(), rule, expected);
    }

    private static TestCrls issuedBy(X509CertificateHolder issuer) {
        return TestCrls.builder().issuedBy(issuer, Chain.INTERMEDIATE_KEYS.getPrivate());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(CrlCase c) {
        List<String> failures = CrlLints.standard().run(c.subject()).failureMessages();
        if (c.rule() == null) {
            assertEquals(List.of(), failures, c.name());
        } else {
            assertEquals(1, failures.size(), c.name() + ": " + failures);
            assertTrue(failures.get(0).startsWith(c.rule() + ": ") && failures.get(0).contains(c.expected()),
                    c.name() + ": " + failures);
        }
    }

    /** The same table with the CRL given as its encoding (the signature then checked over those bytes). */
    @ParameterizedTest(name = "{0} (encoded)")
    @MethodSource("cases")
    void check_encoded(CrlCase c) throws Exception {
        check(new CrlCase(c.name(), CrlUnderLint.encoded(c.subject().crl().getEncoded(), c.subject().issuer()), c.rule(),
                c.expected()));
    }

    @Test
    void signature_encodingAlteredOrNotOneCrl_isRejected() throws Exception {
        byte[] der = TestCrls.builder().build().getEncoded();
        assertEquals(List.of(), CrlLints.standard().run(CrlUnderLint.encoded(der, Chain.intermediate())).failureMessages());
        byte[] flipped = der.clone();
        flipped[40] ^= 1;   // inside the issuer name, which the parsed holder would not show differently to the lint
        var tampered = new CrlUnderLint(new X509CRLHolder(der), Chain.intermediate(), flipped);
        assertTrue(CrlRules.signature(tampered).get(0).contains("does not verify"), CrlRules.signature(tampered).toString());
        byte[] trailing = Arrays.copyOf(der, der.length + 1);
        assertEquals(List.of("could not verify signature: the CRL does not fit its encoding"),
                CrlRules.signature(new CrlUnderLint(new X509CRLHolder(der), Chain.intermediate(), trailing)));
        assertEquals(List.of("could not verify signature: the CRL is not a DER SEQUENCE"),
                CrlRules.signature(new CrlUnderLint(new X509CRLHolder(der), Chain.intermediate(), new byte[] {4, 0})));
    }

    @Test
    void standard_namesTheRulesInOrder() {
        assertEquals(List.of("crl-validity", "crl-number", "crl-authority-key-identifier", "crl-issuer-name",
                "crl-signature", "crl-issuer-key-usage"), CrlLints.standard().names());
        assertEquals(6, CrlLints.standard().run(TestCrls.builder().underLint()).passedNames().size());
    }
}
