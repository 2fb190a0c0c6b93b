package dev.trustline.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** The device key types a policy may allow (RSA only from 3072 bits). */
public enum LeafKeyType {
    ECDSA_P256("ecdsa-p256"), ECDSA_P384("ecdsa-p384"), ED25519("ed25519"), RSA_3072("rsa-3072"),
    RSA_4096("rsa-4096");

    private final String configName;

    LeafKeyType(String configName) {
        this.configName = configName;
    }

    /** The name used in policy files and messages, e.g. {@code ecdsa-p256}. */
    public String configName() {
        return configName;
    }

    public boolean isRsa() {
        return this == RSA_3072 || this == RSA_4096;
    }

    public boolean isEcdsa() {
        return this == ECDSA_P256 || this == ECDSA_P384;
    }

    public static Optional<LeafKeyType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
    }

    public static String allowedNames() {
        return String.join(", ", Arrays.stream(values()).map(LeafKeyType::configName).toList());
    }
}
