package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NameConstraintsLintTest {
    private static final GeneralSubtree DEVICES = new GeneralSubtree(new GeneralName(Chain.DEVICES));

    static Stream<LintCase> cases() {
        return Stream.of(
                passes("nameConstraints_directoryNamePermitted_passes", asIntermediate(Chain.intermediate())),
                passes("nameConstraints_absent_passes",
                        asIntermediate(Chain.intermediateBuilder().without(Extension.nameConstraints).build())),
                passes("nameConstraints_dnsAndUriExcluded_passes", permitted(new GeneralSubtree[] {DEVICES},
                        new GeneralSubtree[] {dns("example.com"), uri("https://devices.example.com")})),
                passes("nameConstraints_leafWithout_passes", asLeaf(Chain.leaf())),
                fails("nameConstraints_onLeaf_isRejected", asLeaf(Chain.leafBuilder()
                        .extension(Extension.nameConstraints, true, only(DEVICES)).build()),
                        "allowed on CA certificates only"),
                fails("nameConstraints_nonCritical_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .extension(Extension.nameConstraints, false, only(DEVICES)).build()),
                        "nameConstraints must be critical"),
                fails("nameConstraints_noSubtrees_isRejected", permitted(null, null),
                        "neither permitted nor excluded subtrees"),
                fails("nameConstraints_rfc822Name_isRejected",
                        permitted(new GeneralSubtree[] {new GeneralSubtree(
                                new GeneralName(GeneralName.rfc822Name, "ops@example.com"))}, null),
                        "permitted rfc822Name subtree is not allowed"),
                fails("nameConstraints_ipAddressExcluded_isRejected", permitted(new GeneralSubtree[] {DEVICES},
                        new GeneralSubtree[] {new GeneralSubtree(
                                new GeneralName(GeneralName.iPAddress, "10.0.0.0/8"))}),
                        "excluded iPAddress subtree is not allowed"),
                fails("nameConstraints_minimumNonZero_isRejected", permitted(new GeneralSubtree[] {
                        new GeneralSubtree(new GeneralName(Chain.DEVICES), BigInteger.ONE, null)}, null),
                        "permitted directoryName subtree has minimum 1; it must be 0"),
                fails("nameConstraints_maximumPresent_isRejected", permitted(new GeneralSubtree[] {
                        new GeneralSubtree(new GeneralName(Chain.DEVICES), BigInteger.ZERO, BigInteger.TWO)}, null),
                        "has maximum 2; it must be absent"),
                fails("nameConstraints_emptyDnsName_isRejected", permitted(new GeneralSubtree[] {dns("")}, null),
                        "permitted dNSName subtree is empty"),
                fails("nameConstraints_dnsNameWithSpace_isRejected",
                        permitted(new GeneralSubtree[] {dns("bad name.example.com")}, null),
                        "'bad name.example.com' contains a space"),
                fails("nameConstraints_uriWithWildcard_isRejected",
                        permitted(new GeneralSubtree[] {uri("https://*.example.com")}, null),
                        "permitted uniformResourceIdentifier subtree 'https://*.example.com' contains a wildcard"));
    }

    private static NameConstraints only(GeneralSubtree subtree) {
        return new NameConstraints(new GeneralSubtree[] {subtree}, null);
    }

    private static CertificateUnderLint permitted(GeneralSubtree[] permitted, GeneralSubtree[] excluded) {
        return asIntermediate(Chain.intermediateBuilder()
                .extension(Extension.nameConstraints, true, new NameConstraints(permitted, excluded)).build());
    }

    private static GeneralSubtree dns(String name) {
        return new GeneralSubtree(new GeneralName(GeneralName.dNSName, name));
    }

    private static GeneralSubtree uri(String name) {
        return new GeneralSubtree(new GeneralName(GeneralName.uniformResourceIdentifier, name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new NameConstraintsLint());
    }
}
