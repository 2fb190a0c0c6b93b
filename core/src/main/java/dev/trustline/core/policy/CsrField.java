package dev.trustline.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** Which CSR field must carry the device ID: the subject's CN, or none (the CSR's subject is then ignored). */
public enum CsrField {
    CN("cn"), NONE("none");

    private final String configName;

    CsrField(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<CsrField> fromConfigName(String name) {
        return Arrays.stream(values()).filter(f -> f.configName.equals(name)).findFirst();
    }
}
