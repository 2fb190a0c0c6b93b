package dev.trustline.core.policy;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;

/** Whether a policy (or a root) is for production or for testing; the two never mix. */
public enum Environment {
    PRODUCTION("production"), TEST("test");

    private final String configName;

    Environment(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<Environment> fromConfigName(String name) {
        return Arrays.stream(values()).filter(e -> e.configName.equals(name)).findFirst();
    }

    /** A root is a test root when its subject CN contains "TEST" (the ceremony enforces that marking). */
    public static Environment ofRoot(X509CertificateHolder root) {
        for (RDN rdn : root.getSubject().getRDNs(BCStyle.CN)) {
            if (Dn.text(rdn.getFirst().getValue()).contains("TEST")) {
                return TEST;
            }
        }
        return PRODUCTION;
    }
}
