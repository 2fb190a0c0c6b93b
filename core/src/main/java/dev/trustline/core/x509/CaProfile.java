package dev.trustline.core.x509;

import dev.trustline.core.Environment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * Everything a CA certificate says that the ceremony file decides: its environment (written as a
 * certificatePolicies OID), subject, validity, path length, extended key usages, name constraints and
 * URLs. Validated by the ceremony plan; immutable.
 * {@code pathLen} null means unlimited (roots only); {@code nameConstraints} null means none.
 */
public record CaProfile(Environment environment, X500Name subject, Instant notBefore, Instant notAfter, Integer pathLen,
                        List<KeyPurposeId> extKeyUsages, NameConstraints nameConstraints,
                        List<String> crlDistributionPoints, List<String> caIssuersUrls, List<String> ocspUrls) {

    public CaProfile {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("not-after must be after not-before");
        }
        if (pathLen != null && pathLen < 0) {
            throw new IllegalArgumentException("path-len must not be negative");
        }
        extKeyUsages = List.copyOf(extKeyUsages);
        crlDistributionPoints = List.copyOf(crlDistributionPoints);
        caIssuersUrls = List.copyOf(caIssuersUrls);
        ocspUrls = List.copyOf(ocspUrls);
    }
}
