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
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignatureAlgorithmLintTest {
    private static final KeyPair RSA_CA_KEYS = Keys.rsa(3072);
    private static final X509CertificateHolder RSA_CA = TestCerts.builder().subject("CN=RSA CA").keys(RSA_CA_KEYS)
            .validity("2025-01-01T00:00:00Z", "2045-01-01T00:00:00Z").ca(null).build();
    private static final KeyPair ED_CA_KEYS = Keys.ed25519("ca");
    private static final X509CertificateHolder ED_CA = TestCerts.builder().subject("CN=Ed25519 CA").keys(ED_CA_KEYS)
            .validity("2025-01-01T00:00:00Z", "2045-01-01T00:00:00Z").ca(null).build();

    static Stream<LintCase> standardCases() {
        return Stream.of(
                passes("signatureAlgorithm_rootSha384_passes", asRoot(Chain.root())),
                passes("signatureAlgorithm_intermediateUnderP384Sha384_passes", asIntermediate(Chain.intermediate())),
                passes("signatureAlgorithm_leafUnderP256Sha256_passes", asLeaf(Chain.leaf())),
                passes("signatureAlgorithm_p384IssuerSha512_passes", asIntermediate(Chain.intermediateBuilder()
                        .signatureAlgorithm("SHA512withECDSA").build())),
                passes("signatureAlgorithm_rsaIssuerSha256_passes", underRsa("SHA256withRSA")),
                fails("signatureAlgorithm_outerDiffersFromTbs_isRejected", asLeaf(Chain.leafBuilder()
                        .tbsSignatureAlgorithm(new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384))
                        .build()),
                        "differs from the TBS signature field"),
                fails("signatureAlgorithm_ecdsaSha1_isRejected", asLeaf(Chain.leafBuilder()
                        .signatureAlgorithm("SHA1withECDSA").build()),
                        "does not suit the issuer's EC key"),
                fails("signatureAlgorithm_p384IssuerSha256_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .signatureAlgorithm("SHA256withECDSA").build()),
                        "issuer key is on P-384; signature algorithm"),
                fails("signatureAlgorithm_rsaPss_isRejected", underRsa("SHA256withRSAandMGF1"),
                        "RSASSA-PSS signatures are not allowed"),
                fails("signatureAlgorithm_rsaSha1_isRejected", underRsa("SHA1withRSA"),
                        "does not suit the issuer's RSA key"),
                fails("signatureAlgorithm_ed25519Issuer_isRejected", new CertificateUnderLint(
                        Chain.leafBuilder().issuedBy(ED_CA, ED_CA_KEYS).build(), ED_CA, CertKind.LEAF),
                        "issuer key type ED25519 (1.3.101.112) is not allowed to sign certificates"),
                fails("signatureAlgorithm_wrongSigningKey_isRejected", asLeaf(Chain.leafBuilder()
                        .signingKey(Keys.p256("stranger").getPrivate()).build()),
                        "signature does not verify under the issuer's public key"),
                fails("signatureAlgorithm_garbageSignature_isRejected", asLeaf(Chain.leafBuilder()
                        .signatureBits(new byte[] {1, 2, 3}).build()),
                        "could not verify signature"));
    }

    static Stream<LintCase> preSigningCases() {
        return Stream.of(
                passes("signatureAlgorithm_throwawaySigned_passes", asLeaf(Chain.leafBuilder()
                        .signingKey(Keys.p256("throwaway").getPrivate()).build())),
                fails("signatureAlgorithm_realIssuerSignedUnderThrowaway_isRejected", asLeaf(Chain.leaf()),
                        "signature does not verify"));
    }

    static Stream<LintCase> preSigningWrongTypeCases() {
        return Stream.of(fails("signatureAlgorithm_throwawayOfOtherCurve_isRejected", asLeaf(Chain.leafBuilder()
                .signingKey(Keys.p384("throwaway").getPrivate()).signatureAlgorithm("SHA256withECDSA").build()),
                "throwaway key type EC P-384 (1.3.132.0.34) differs from the issuer's key type EC P-256"));
    }

    private static CertificateUnderLint underRsa(String algorithm) {
        return new CertificateUnderLint(Chain.leafBuilder().issuedBy(RSA_CA, RSA_CA_KEYS)
                .signatureAlgorithm(algorithm).build(), RSA_CA, CertKind.LEAF);
    }

    private static SubjectPublicKeyInfo spki(KeyPair keys) {
        return SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standardCases")
    void standard(LintCase c) {
        c.assertOn(new SignatureAlgorithmLint());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preSigningCases")
    void preSigning(LintCase c) {
        c.assertOn(SignatureAlgorithmLint.verifyingWith(spki(Keys.p256("throwaway"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preSigningWrongTypeCases")
    void preSigningWithWrongKeyType(LintCase c) {
        c.assertOn(SignatureAlgorithmLint.verifyingWith(spki(Keys.p384("throwaway"))));
    }
}
