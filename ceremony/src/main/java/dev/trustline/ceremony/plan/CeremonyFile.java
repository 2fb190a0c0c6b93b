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
                           String administrator, List<String> witnesses, List<String> tokens, List<StepConfig> steps,
                           String location) {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = GenerateKeyConfig.class, name = "generate-key"),
        @JsonSubTypes.Type(value = CreateRootConfig.class, name = "create-root"),
        @JsonSubTypes.Type(value = CreateIntermediateConfig.class, name = "create-intermediate"),
        @JsonSubTypes.Type(value = SignIntermediateConfig.class, name = "sign-intermediate"),
        @JsonSubTypes.Type(value = IssueCrlConfig.class, name = "issue-crl"),
        @JsonSubTypes.Type(value = SignPolicyConfig.class, name = "sign-policy"),
        @JsonSubTypes.Type(value = ExistingCaConfig.class, name = "existing-ca"),
        @JsonSubTypes.Type(value = CrossSignConfig.class, name = "cross-sign"),
        @JsonSubTypes.Type(value = RevokeConfig.class, name = "revoke"),
        @JsonSubTypes.Type(value = DestroyKeyConfig.class, name = "destroy-key")
    })
    public sealed interface StepConfig permits GenerateKeyConfig, CreateRootConfig, CreateIntermediateConfig,
            SignIntermediateConfig, IssueCrlConfig, SignPolicyConfig, ExistingCaConfig, CrossSignConfig, RevokeConfig,
            DestroyKeyConfig {
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

    /** A root made in an earlier ceremony: its certificate, and its key on one of this ceremony's tokens. */
    public record ExistingCaConfig(String id, String token, String keyLabel, String certificate, String output)
            implements StepConfig {
    }

    /** A root certifies another root's key (a rollover link certificate). */
    public record CrossSignConfig(String id, String issuer, String subjectCa, ValidityConfig validity, Integer pathLen,
                                  String output) implements StepConfig {
    }

    /** Deletes a key (private key, public key, placeholder certificate) from a token; the certificate names which key. */
    public record DestroyKeyConfig(String id, String token, String keyLabel, String certificate, String output) implements StepConfig {
    }

    /** The root's next CRL, adding one certificate (by file or serial) to those of the previous CRL. */
    public record RevokeConfig(String id, String issuer, String certificate, String serial, String reason,
                               String invalidityDate, String revokedAt, String previousCrl, Long crlNumber,
                               String thisUpdate, String nextUpdate, String output) implements StepConfig {
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
