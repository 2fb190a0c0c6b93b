package dev.trustline.core.lint;

import static dev.trustline.core.lint.Chain.asIntermediate;
import static dev.trustline.core.lint.Chain.asLeaf;
import static dev.trustline.core.lint.Chain.asRoot;
import static dev.trustline.core.lint.LintCase.fails;
import static dev.trustline.core.lint.LintCase.passes;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyIdentifiersLintTest {
    private static final byte[] WRONG_ID = new byte[20];

    static Stream<LintCase> cases() {
        X509CertificateHolder rootWithoutSki = Chain.rootBuilder().without(Extension.subjectKeyIdentifier).build();
        return Stream.of(
                passes("keyIdentifiers_root_passes", asRoot(Chain.root())),
                passes("keyIdentifiers_rootWithOwnAki_passes", asRoot(Chain.rootBuilder()
                        .extension(Extension.authorityKeyIdentifier, false, ownAki()).build())),
                passes("keyIdentifiers_intermediate_passes", asIntermediate(Chain.intermediate())),
                passes("keyIdentifiers_leaf_passes", asLeaf(Chain.leaf())),
                passes("keyIdentifiers_leafWithoutSki_passes",
                        asLeaf(Chain.leafBuilder().without(Extension.subjectKeyIdentifier).build())),
                fails("keyIdentifiers_caWithoutSki_isRejected", asRoot(rootWithoutSki),
                        "subjectKeyIdentifier is missing on a CA"),
                fails("keyIdentifiers_criticalSki_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .extension(Extension.subjectKeyIdentifier, true, method1(Chain.INTERMEDIATE_KEYS)).build()),
                        "subjectKeyIdentifier must not be critical"),
                fails("keyIdentifiers_skiNotMethod1_isRejected", asIntermediate(Chain.intermediateBuilder()
                        .extension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(WRONG_ID)).build()),
                        "not the SHA-1 of the subject public key (RFC 5280 method 1)"),
                fails("keyIdentifiers_akiMissing_isRejected",
                        asLeaf(Chain.leafBuilder().without(Extension.authorityKeyIdentifier).build()),
                        "authorityKeyIdentifier is missing"),
                fails("keyIdentifiers_akiCritical_isRejected", asLeaf(Chain.leafBuilder()
                        .extension(Extension.authorityKeyIdentifier, true, intermediateAki()).build()),
                        "authorityKeyIdentifier must not be critical"),
                fails("keyIdentifiers_akiWithoutKeyId_isRejected", asLeaf(Chain.leafBuilder()
                        .extension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(
                                new GeneralNames(new GeneralName(Chain.root().getSubject())), BigInteger.TEN))
                        .build()),
                        "authorityKeyIdentifier has no keyIdentifier"),
                fails("keyIdentifiers_akiNotIssuerSki_isRejected", asLeaf(Chain.leafBuilder()
                        .extension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(WRONG_ID))
                        .build()),
                        "does not equal the issuer's subjectKeyIdentifier"),
                fails("keyIdentifiers_issuerWithoutSki_isRejected", new CertificateUnderLint(
                        Chain.intermediateBuilder().issuedBy(rootWithoutSki, Chain.ROOT_KEYS).build(),
                        rootWithoutSki, CertKind.INTERMEDIATE),
                        "cannot be checked: the issuer's subjectKeyIdentifier is missing"),
                fails("keyIdentifiers_rootAkiNotOwnSki_isRejected", asRoot(Chain.rootBuilder()
                        .extension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(WRONG_ID))
                        .build()),
                        "does not equal the root's own subjectKeyIdentifier"));
    }

    private static SubjectKeyIdentifier method1(KeyPair keys) {
        return new BcX509ExtensionUtils().createSubjectKeyIdentifier(
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    }

    private static AuthorityKeyIdentifier ownAki() {
        return new AuthorityKeyIdentifier(method1(Chain.ROOT_KEYS).getKeyIdentifier());
    }

    private static AuthorityKeyIdentifier intermediateAki() {
        return new AuthorityKeyIdentifier(method1(Chain.INTERMEDIATE_KEYS).getKeyIdentifier());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void check(LintCase c) {
        c.assertOn(new KeyIdentifiersLint());
    }
}
