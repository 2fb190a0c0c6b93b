package dev.trustline.core.policy;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The raw policy file exactly as written (kebab-case YAML, read strictly by
 * {@link dev.trustline.core.config.StrictYaml}), before validation. Nothing here is trusted:
 * {@link Policy#from} turns it into a validated {@link Policy} or names every problem by its YAML path.
 */
public record PolicyFile(String policy, Integer version, String environment, ValidConfig valid,
                         IssuerConfig issuer, String factory, List<String> stations, DeviceIdConfig deviceId,
                         List<LinkedHashMap<String, String>> subject, SanConfig san, List<String> keyTypes,
                         Integer leafValidityDays, List<String> keyUsage, List<String> extKeyUsage,
                         LimitsConfig limits, ReissueConfig reissue) {

    /** The policy's own validity window. */
    public record ValidConfig(String notBefore, String notAfter) {
    }

    public record IssuerConfig(String certificateSha256, String publicKeySha256) {
    }

    public record DeviceIdConfig(String pattern, String checksum, String csrField) {
    }

    public record SanConfig(List<String> uris, List<String> dns) {
    }

    public record LimitsConfig(RateConfig perStation, RateConfig perPolicy, Long perDay, Long total) {
    }

    public record RateConfig(Integer ratePerSecond, Integer burst) {
    }

    public record ReissueConfig(Boolean allowed, Boolean revokePrevious) {
    }
}
