package dev.trustline.core.policy;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** The extended key usages a policy may give a device certificate. */
public enum LeafExtKeyUsage {
    CLIENT_AUTH("clientAuth", KeyPurposeId.id_kp_clientAuth),
    SERVER_AUTH("serverAuth", KeyPurposeId.id_kp_serverAuth);

    private final String configName;
    private final KeyPurposeId purpose;

    LeafExtKeyUsage(String configName, KeyPurposeId purpose) {
        this.configName = configName;
        this.purpose = purpose;
    }

    public String configName() {
        return configName;
    }

    public KeyPurposeId purpose() {
        return purpose;
    }

    public static Optional<LeafExtKeyUsage> fromConfigName(String name) {
        return Arrays.stream(values()).filter(u -> u.configName.equals(name)).findFirst();
    }

    public static String allowedNames() {
        return String.join(", ", Arrays.stream(values()).map(LeafExtKeyUsage::configName).toList());
    }
}
