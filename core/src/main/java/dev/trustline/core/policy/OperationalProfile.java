package dev.trustline.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a device gets at first boot (or renewal) when it re-enrols with its current certificate: an
 * operational certificate with its own validity and usages, under the policy's subject, SAN and key
 * types. Only devices whose registry state is one of {@code states} may re-enrol; {@code key} says
 * whether the new certificate must certify the same key, a new key, or either. Immutable.
 */
public record OperationalProfile(int validityDays, List<LeafKeyUsage> keyUsage, List<LeafExtKeyUsage> extKeyUsage,
                                 List<String> states, KeyRule key) {

    /** Whether the re-enrolment request may keep the presented certificate's key. */
    public enum KeyRule {
        SAME("same"), NEW("new"), EITHER("either");

        private final String configName;

        KeyRule(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        public static java.util.Optional<KeyRule> fromConfigName(String name) {
            return java.util.Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst();
        }
    }

    public OperationalProfile {
        keyUsage = List.copyOf(keyUsage);
        extKeyUsage = List.copyOf(extKeyUsage);
        states = List.copyOf(states);
        Objects.requireNonNull(key, "key");
        if (validityDays < 1) {
            throw new IllegalArgumentException("operational.leaf-validity-days must be positive");
        }
    }

    /** The leaf profile of an operational certificate: the factory profile's names and key types, these usages. */
    public LeafProfile leafOf(LeafProfile factory) {
        return new LeafProfile(factory.subject(), factory.san(), factory.keyTypes(), validityDays, keyUsage, extKeyUsage);
    }

    public boolean allowsState(String state) {
        return states.contains(state);
    }
}
