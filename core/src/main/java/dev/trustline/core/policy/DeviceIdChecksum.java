package dev.trustline.core.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The check-digit algorithm a policy's device IDs carry. {@link #LUHN}: over the ID's digits (other
 * characters ignored), the last digit being the check digit. {@link #ISO7064_MOD97_10}: letters A-Z
 * (either case) count as 10..35 as in IBANs, digits as themselves, other characters are ignored, and the
 * resulting number mod 97 must be 1. {@link #NONE}: no check digit.
 */
public enum DeviceIdChecksum {
    LUHN("luhn") {
        @Override
        public boolean isValid(String deviceId) {
            // the ASCII digits, as [0-9] kept them, without compiling that regex for every device (1% of the signer's CPU)
            StringBuilder digits = new StringBuilder(deviceId.length());
            for (int i = 0; i < deviceId.length(); i++) {
                char c = deviceId.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits.append(c);
                }
            }
            return digits.length() >= 2 && luhnSum(digits) % 10 == 0;
        }
    },
    ISO7064_MOD97_10("iso7064-mod97-10") {
        @Override
        public boolean isValid(String deviceId) {
            int remainder = 0;
            int count = 0;
            for (char c : deviceId.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
                int value = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
                if (value >= 0) {
                    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
                    count++;
                }
            }
            return count >= 2 && remainder == 1;
        }
    },
    NONE("none") {
        @Override
        public boolean isValid(String deviceId) {
            return true;
        }
    };

    private final String configName;

    DeviceIdChecksum(String configName) {
        this.configName = configName;
    }

    /** Whether {@code deviceId} carries a correct check digit (always true for {@link #NONE}). */
    public abstract boolean isValid(String deviceId);

    /** The name used in policy files, e.g. {@code luhn}. */
    public String configName() {
        return configName;
    }

    public static Optional<DeviceIdChecksum> fromConfigName(String name) {
        return Arrays.stream(values()).filter(c -> c.configName.equals(name)).findFirst();
    }

    public static String allowedNames() {
        return String.join(", ", Arrays.stream(values()).map(DeviceIdChecksum::configName).toList());
    }

    private static int luhnSum(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum;
    }
}
