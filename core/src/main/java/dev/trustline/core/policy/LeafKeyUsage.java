package dev.trustline.core.policy;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyUsage;

/** The keyUsage bits a policy may give a device certificate; keyCertSign and cRLSign never. */
public enum LeafKeyUsage {
    DIGITAL_SIGNATURE("digitalSignature", KeyUsage.digitalSignature),
    KEY_AGREEMENT("keyAgreement", KeyUsage.keyAgreement),
    KEY_ENCIPHERMENT("keyEncipherment", KeyUsage.keyEncipherment);

    private final String configName;
    private final int bit;

    LeafKeyUsage(String configName, int bit) {
        this.configName = configName;
        this.bit = bit;
    }

    public String configName() {
        return configName;
    }

    /** The BouncyCastle {@link KeyUsage} bit. */
    public int bit() {
        return bit;
    }

    public static Optional<LeafKeyUsage> fromConfigName(String name) {
        return Arrays.stream(values()).filter(u -> u.configName.equals(name)).findFirst();
    }

    public static String allowedNames() {
        return String.join(", ", Arrays.stream(values()).map(LeafKeyUsage::configName).toList());
    }
}
