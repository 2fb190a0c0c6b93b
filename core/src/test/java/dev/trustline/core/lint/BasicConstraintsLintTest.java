package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.Chain.asRoot;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BasicConstraintsLintTest {
    static Stream<LintCase> cases() {
        return Stream.of(
                passes("basicConstraints_root_passes", asRoot(Chain.root())),
                passes("basicConstraints_intermediate_passes", asIntermediate(Chain.intermediate())),
                passes("basicConstraints_leaf_passes", asLeaf(Chain.leaf())),
                passes("basicConstraints_leafWithCaFalse_passes", asLeaf(Chain.leafBuilder()
                        .extension(Extension.basicConstraints, true, new BasicConstraints(false)).build())),
                passes("basicConstraints_rootWithoutPathLen_passes", asRoot(Chain.rootBuilder().ca(null).build())),
                fails("basicConstraints_leafWithCaTrue_isRejected", asLeaf(Chain.leafBuilder()
                        .extension(Extension.basicConstraints, true, new BasicConstraints(true)).build()),
                        "cA must be false on a leaf"),
                fails("basicConstraints_leafWithPathLen_isRejected", asLeaf(Chain.leafBuilder()
                        .extension(Extension.basicConstraints, true, new DERSequence(new ASN1Encodable[] {
                                ASN1Boolean.FALSE, new ASN1Integer(0)})).build()),
                        "must not carry pathLenConstraint"),
                fails("basicConstraints_intermediateWithout_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .without(Extension.basicConstraints).build()),
                        "basicConstraints extension is missing on a CA"),
                fails("basicConstraints_nonCritical_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .extension(Extension.basicConstraints, false, new BasicConstraints(0)).build()),
                        "must be critical"),
                fails("basicConstraints_caFalseOnCa_isRejected", asRoot(Chain.rootBuilder()
                        .extension(Extension.basicConstraints, true, new BasicConstraints(false)).build()),
                        "cA must be true on a CA"),
                fails("basicConstraints_issuerNotCa_isRejected",
                        new CertificateUnderLint(Chain.leaf(), Chain.leaf(), CertKind.LEAF),
                        "issuer certificate is not a CA"),
                fails("basicConstraints_caUnderPathLenZero_isRejected", new CertificateUnderLint(
                        Chain.intermediateBuilder().issuedBy(Chain.intermediate(), Chain.INTERMEDIATE_KEYS)
                                .build(), Chain.intermediate(), CertKind.INTERMEDIATE),
                        "issuer pathLenConstraint is 0"),
                fails("basicConstraints_pathLenMissingUnderLimitedIssuer_isRejected", asIntermediate(
                        Chain.intermediateBuilder().ca(null).build()),
                        "pathLenConstraint is missing but the issuer's pathLenConstraint is 1"),
                fails("basicConstraints_pathLenNotBelowIssuer_isRejected", asIntermediate(
                        Chain.intermediateBuilder().ca(1).build()),
                        "pathLenConstraint 1 must be less than the issuer's 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new BasicConstraintsLint());
    }
}
