package dev.trustline.core.lint;

import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The well-formed test hierarchy: a P-384 root (pathLen 1), a P-256 device intermediate (pathLen 0, EKU
 * clientAuth, nameConstraints permitting directoryName O=Acme,OU=Devices) and a P-256 device leaf. The
 * builders let a test change one knob and build a broken variant.
 */
final class Chain {
    static final KeyPair ROOT_KEYS = Keys.p384("root");
    static final KeyPair INTERMEDIATE_KEYS = Keys.p256("intermediate");
    static final KeyPair LEAF_KEYS = Keys.p256("leaf");
    static final X500Name DEVICES = new X500Name("O=Acme,OU=Devices");

    private static final X509CertificateHolder ROOT = rootBuilder().build();
    private static final X509CertificateHolder INTERMEDIATE = intermediateBuilder().build();
    private static final X509CertificateHolder LEAF = leafBuilder().build();

    private Chain() {
    }

    static TestCerts rootBuilder() {
        return TestCerts.builder().subject("O=Acme,CN=Acme Test Root").keys(ROOT_KEYS)
                .validity("2025-01-01T00:00:00Z", "2045-01-01T00:00:00Z").ca(1);
    }

    static TestCerts intermediateBuilder() {
        NameConstraints constraints = new NameConstraints(
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(DEVICES))}, null);
        return TestCerts.builder().subject("O=Acme,OU=Devices,CN=Acme Device CA").keys(INTERMEDIATE_KEYS)
                .issuedBy(root(), ROOT_KEYS).validity("2025-01-02T00:00:00Z", "2040-01-01T00:00:00Z").ca(0)
                .eku(KeyPurposeId.id_kp_clientAuth).extension(Extension.nameConstraints, true, constraints);
    }

    static TestCerts leafBuilder() {
        return TestCerts.builder().subject("O=Acme,OU=Devices,CN=device-0001").keys(LEAF_KEYS)
                .issuedBy(intermediate(), INTERMEDIATE_KEYS).leaf().eku(KeyPurposeId.id_kp_clientAuth);
    }

    static X509CertificateHolder root() {
        return ROOT;
    }

    static X509CertificateHolder intermediate() {
        return INTERMEDIATE;
    }

    static X509CertificateHolder leaf() {
        return LEAF;
    }

    static CertificateUnderLint asRoot(X509CertificateHolder cert) {
        return new CertificateUnderLint(cert, cert, CertKind.ROOT);
    }

    static CertificateUnderLint asIntermediate(X509CertificateHolder cert) {
        return new CertificateUnderLint(cert, root(), CertKind.INTERMEDIATE);
    }

    static CertificateUnderLint asLeaf(X509CertificateHolder cert) {
        return new CertificateUnderLint(cert, intermediate(), CertKind.LEAF);
    }
}
