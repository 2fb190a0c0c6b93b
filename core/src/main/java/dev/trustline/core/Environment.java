package dev.trustline.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Production or test: the one marker for ceremony files, rosters, policies and certificates, which
 * never mix. A ceremony file states it ({@code environment} and {@code environment-oid}); every CA
 * certificate a ceremony makes carries the environment's OID in its certificatePolicies extension, and
 * the signer and the policy checks read it from there ({@link #of}), never from a name.
 *
 * <p>The OIDs are UUID-based ({@code 2.25.<uuid>}, ITU-T X.667), so they need no registration and
 * cannot collide with anyone's certificate policy.
 */
public enum Environment {
    PRODUCTION("production", "2.25.220708947282057551606405826575538957214"),
    TEST("test", "2.25.200890121518020393162895830719187798140");

    private final String configName;
    private final ASN1ObjectIdentifier oid;

    Environment(String configName, String oid) {
        this.configName = configName;
        this.oid = new ASN1ObjectIdentifier(oid);
    }

    /** How files spell it: {@code production} or {@code test}. */
    public String configName() {
        return configName;
    }

    /** The certificatePolicies OID that marks a certificate of this environment. */
    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    public static Optional<Environment> fromConfigName(String name) {
        return Arrays.stream(values()).filter(e -> e.configName.equals(name)).findFirst();
    }

    public static Optional<Environment> fromOid(String oid) {
        return Arrays.stream(values()).filter(e -> e.oid.getId().equals(oid)).findFirst();
    }

    /** The certificatePolicies extension value that marks this environment. */
    public CertificatePolicies certificatePolicies() {
        return new CertificatePolicies(new PolicyInformation(oid));
    }

    /**
     * The environment a certificate is marked with: exactly one TrustLine environment OID in its
     * certificatePolicies. Empty when it carries none, both, or an unreadable extension.
     */
    public static Optional<Environment> of(X509CertificateHolder certificate) {
        List<Environment> found = new ArrayList<>();
        try {
            CertificatePolicies policies = CertificatePolicies.fromExtensions(certificate.getExtensions());
            if (policies == null) {
                return Optional.empty();
            }
            for (PolicyInformation info : policies.getPolicyInformation()) {
                fromOid(info.getPolicyIdentifier().getId()).ifPresent(found::add);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Whether the certificate has a certificatePolicies extension at all (to say why a marker is missing). */
    public static boolean hasPolicies(X509CertificateHolder certificate) {
        return certificate.getExtensions() != null
                && certificate.getExtensions().getExtension(Extension.certificatePolicies) != null;
    }
}
