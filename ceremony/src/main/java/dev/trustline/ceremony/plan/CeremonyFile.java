package dev.trustline.ceremony.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The raw ceremony file exactly as written (kebab-case YAML), before validation. Nothing here is
 * trusted: {@link CeremonyPlanner} turns it into a validated {@link Ceremony} or names every problem.
 */
public record CeremonyFile(Integer version, String ceremony, String description, String environment, String environmentOid,
                           String administrator, List<String> witnesses, List<String> tokens, List<StepConfig> steps) {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = GenerateKeyConfig.class, name = "generate-key"),
        @JsonSubTypes.Type(value = CreateRootConfig.class, name = "create-root"),
        @JsonSubTypes.Type(value = CreateIntermediateConfig.class, name = "create-intermediate"),
        @JsonSubTypes.Type(value = SignIntermediateConfig.class, name = "sign-intermediate"),
        @JsonSubTypes.Type(value = IssueCrlConfig.class, name = "issue-crl"),
        @JsonSubTypes.Type(value = SignPolicyConfig.class, name = "sign-policy")
    })
    public sealed interface StepConfig permits GenerateKeyConfig, CreateRootConfig, CreateIntermediateConfig,
            SignIntermediateConfig, IssueCrlConfig, SignPolicyConfig {
        String id();
    }

    public record GenerateKeyConfig(String id, String token, String keyLabel, String algorithm, String output)
            implements StepConfig {
    }

    public record CreateRootConfig(String id, String key, LinkedHashMap<String, String> subject,
                                   ValidityConfig validity, Integer pathLen, String output) implements StepConfig {
    }

    public record CreateIntermediateConfig(String id, String issuer, String token, String keyLabel, String algorithm,
                                           ProfileConfig profile, String output) implements StepConfig {
    }

    public record SignIntermediateConfig(String id, String issuer, String csr, String publicKey,
                                         ProfileConfig profile, String output) implements StepConfig {
    }

    public record IssueCrlConfig(String id, String issuer, Long crlNumber, String thisUpdate, String nextUpdate,
                                 List<RevocationConfig> revoke, String output) implements StepConfig {
    }

    public record SignPolicyConfig(String id, String issuer, String policy, String output) implements StepConfig {
    }

    public record RevocationConfig(String certificate, String reason, String revokedAt) {
    }

    public record ValidityConfig(String notBefore, String notAfter) {
    }

    public record ProfileConfig(LinkedHashMap<String, String> subject, ValidityConfig validity, Integer pathLen,
                                List<String> extKeyUsage, NameConstraintsConfig nameConstraints,
                                List<String> crlDistributionPoints, List<String> caIssuers, List<String> ocsp) {
    }

    public record NameConstraintsConfig(List<SubtreeConfig> permitted, List<SubtreeConfig> excluded) {
    }

    public record SubtreeConfig(LinkedHashMap<String, String> directoryName, String dns, String uri) {
    }
}
