package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.util.stream.Stream;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubjectNameLintTest {
    static Stream<LintCase> cases() {
        return Stream.of(
                passes("subjectName_device_passes", asLeaf(Chain.leaf())),
                passes("subjectName_cnOnly_passes", leafNamed(new X500Name("CN=device-0002"))),
                fails("subjectName_empty_isRejected", leafNamed(new X500Name(new RDN[0])), "subject is empty"),
                fails("subjectName_withoutCn_isRejected", leafNamed(new X500Name("O=Acme,OU=Devices")),
                        "no commonName (CN)"),
                fails("subjectName_emptyAttribute_isRejected", leafNamed(new X500Name(new RDN[] {
                        new RDN(BCStyle.O, new DERUTF8String("")), new RDN(BCStyle.CN, new DERUTF8String("d"))})),
                        "attribute O has an empty value"),
                fails("subjectName_blankCn_isRejected", leafNamed(new X500Name(new RDN[] {
                        new RDN(BCStyle.CN, new DERUTF8String("  "))})),
                        "attribute CN has an empty value"));
    }

    private static CertificateUnderLint leafNamed(X500Name name) {
        return asLeaf(Chain.leafBuilder().subject(name).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new SubjectNameLint());
    }
}
