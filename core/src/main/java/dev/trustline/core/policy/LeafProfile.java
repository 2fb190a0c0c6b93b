package dev.trustline.core.policy;

import java.util.List;
import java.util.Objects;

/** Everything a policy says about the device certificates it allows. */
public record LeafProfile(SubjectTemplate subject, SanTemplate san, List<LeafKeyType> keyTypes, int validityDays,
                          List<LeafKeyUsage> keyUsage, List<LeafExtKeyUsage> extKeyUsage) {
    public LeafProfile {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(san, "san");
        keyTypes = List.copyOf(keyTypes);
        keyUsage = List.copyOf(keyUsage);
        extKeyUsage = List.copyOf(extKeyUsage);
        if (validityDays < 1) {
            throw new IllegalArgumentException("leaf-validity-days must be positive");
        }
    }
}
