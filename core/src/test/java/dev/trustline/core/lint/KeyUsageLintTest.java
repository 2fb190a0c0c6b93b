package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.Chain.asRoot;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyUsageLintTest {
    private static final int CA = KeyUsage.keyCertSign | KeyUsage.cRLSign;

    static Stream<LintCase> cases() {
        return Stream.of(
                passes("keyUsage_root_passes", asRoot(Chain.root())),
                passes("keyUsage_intermediate_passes", asIntermediate(Chain.intermediate())),
                passes("keyUsage_leaf_passes", asLeaf(Chain.leaf())),
                passes("keyUsage_caWithDigitalSignature_passes", asIntermediate(ca(CA | KeyUsage.digitalSignature))),
                fails("keyUsage_missing_isRejected", asLeaf(Chain.leafBuilder().without(Extension.keyUsage).build()),
                        "keyUsage extension is missing"),
                fails("keyUsage_nonCritical_isRejected", asLeaf(Chain.leafBuilder()
                        .extension(Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature)).build()),
                        "keyUsage must be critical"),
                fails("keyUsage_caWithoutKeyCertSign_isRejected", asIntermediate(ca(KeyUsage.cRLSign)),
                        "keyCertSign must be set on a CA"),
                fails("keyUsage_caWithoutCrlSign_isRejected", asIntermediate(ca(KeyUsage.keyCertSign)),
                        "cRLSign must be set on a CA"),
                fails("keyUsage_caWithKeyEncipherment_isRejected", asIntermediate(ca(CA | KeyUsage.keyEncipherment)),
                        "keyEncipherment must not be set on a CA"),
                fails("keyUsage_caWithDataEncipherment_isRejected",
                        asIntermediate(ca(CA | KeyUsage.dataEncipherment)),
                        "dataEncipherment must not be set on a CA"),
                fails("keyUsage_leafWithKeyCertSign_isRejected",
                        asLeaf(leaf(KeyUsage.digitalSignature | KeyUsage.keyCertSign)),
                        "keyCertSign must not be set on a leaf"),
                fails("keyUsage_leafWithCrlSign_isRejected", asLeaf(leaf(KeyUsage.digitalSignature | KeyUsage.cRLSign)),
                        "cRLSign must not be set on a leaf"),
                fails("keyUsage_leafWithoutDigitalSignature_isRejected", asLeaf(leaf(KeyUsage.keyAgreement)),
                        "digitalSignature must be set on a leaf"));
    }

    private static X509CertificateHolder ca(int usage) {
        return Chain.intermediateBuilder().extension(Extension.keyUsage, true, new KeyUsage(usage)).build();
    }

    private static X509CertificateHolder leaf(int usage) {
        return Chain.leafBuilder().extension(Extension.keyUsage, true, new KeyUsage(usage)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new KeyUsageLint());
    }
}
