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
                         LimitsConfig limits, ReissueConfig reissue, RevocationConfig revocation,
                         ProvisioningConfig provisioning, OperationalConfig operational) {

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

    /** Where relying parties find the device CRL and OCSP responder: written into every device certificate. */
    public record RevocationConfig(String crlUrl, String ocspUrl) {
    }

    /** The certificate a device may obtain at first boot by re-enrolling with its current certificate. */
    public record OperationalConfig(Integer leafValidityDays, List<String> keyUsage, List<String> extKeyUsage,
                                    List<String> states, String key) {
    }

    /** What a batch line may say about how the device was provisioned (allowed values; absent = anything). */
    public record ProvisioningConfig(List<String> specVersions) {
    }
}
