package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.Chain.asRoot;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.util.stream.Stream;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IssuerNameLintTest {
    static Stream<LintCase> cases() {
        X500Name printable = new X500Name(new RDN[] {new RDN(BCStyle.O, new DERPrintableString("Acme")),
                new RDN(BCStyle.CN, new DERPrintableString("Acme Test Root"))});
        return Stream.of(
                passes("issuerName_root_passes", asRoot(Chain.root())),
                passes("issuerName_intermediate_passes", asIntermediate(Chain.intermediate())),
                passes("issuerName_leaf_passes", asLeaf(Chain.leaf())),
                fails("issuerName_otherDn_isRejected", asLeaf(Chain.leafBuilder()
                        .issuerName(new X500Name("O=Acme,CN=Someone Else")).build()),
                        "does not equal the issuer certificate's subject 'O=Acme,OU=Devices,CN=Acme Device CA'"),
                fails("issuerName_sameTextOtherEncoding_isRejected",
                        asIntermediate(Chain.intermediateBuilder().issuerName(printable).build()),
                        "has the issuer certificate's subject text but a different encoding"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new IssuerNameLint());
    }
}
