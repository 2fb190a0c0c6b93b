package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.Chain.asRoot;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.util.stream.Stream;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExtKeyUsageLintTest {
    static Stream<LintCase> cases() {
        return Stream.of(
                passes("extKeyUsage_root_passes", asRoot(Chain.root())),
                passes("extKeyUsage_intermediateClientAuth_passes", asIntermediate(Chain.intermediate())),
                passes("extKeyUsage_leafClientAuth_passes", asLeaf(Chain.leaf())),
                passes("extKeyUsage_leafWithout_passes",
                        asLeaf(Chain.leafBuilder().without(Extension.extendedKeyUsage).build())),
                passes("extKeyUsage_criticalOnLeaf_passes", asLeaf(Chain.leafBuilder().extension(
                        Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                        .build())),
                fails("extKeyUsage_onRoot_isRejected",
                        asRoot(Chain.rootBuilder().eku(KeyPurposeId.id_kp_clientAuth).build()),
                        "must not be present on a root"),
                fails("extKeyUsage_criticalOnCa_isRejected", asIntermediate(Chain.intermediateBuilder().extension(
                        Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                        .build()),
                        "should not be critical on a CA"),
                fails("extKeyUsage_empty_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .extension(Extension.extendedKeyUsage, false, new DERSequence()).build()),
                        "extendedKeyUsage is empty"),
                fails("extKeyUsage_anyMixedWithOthers_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .eku(KeyPurposeId.anyExtendedKeyUsage, KeyPurposeId.id_kp_clientAuth).build()),
                        "mixes anyExtendedKeyUsage with other purposes"),
                fails("extKeyUsage_notSubsetOfIssuer_isRejected",
                        asLeaf(Chain.leafBuilder().eku(KeyPurposeId.id_kp_serverAuth).build()),
                        "purpose serverAuth is not in the issuer's extendedKeyUsage"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new ExtKeyUsageLint());
    }
}
