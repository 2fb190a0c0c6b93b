package dev.trustline.ceremony.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.plan.Steps.SignPolicy;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.ceremony.steps.StepContext.IssuerRef;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.chain.PgpWords;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.policy.PolicySignature;
import dev.trustline.core.x509.Digests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * sign-policy: the root signs the exact bytes of a reviewed policy file (detached CMS with signing
 * time and the root certificate). The policy is re-validated, shown, confirmed and approved; the
 * signature is verified before the copy of the policy and NAME.yaml.p7s are written.
 */
final class SignPolicyStep {
    private SignPolicyStep() {
    }

    static void run(SignPolicy step, StepContext ctx) throws TrustLineException {
        IssuerRef root = ctx.issuer(step.issuerStep());
        byte[] bytes = step.policy().bytes();
        Policy policy = Policy.parse(bytes, step.policy().path().toString());
        lint(ctx, step, policy, root, bytes);
        SignOnce.confirm(ctx, step.id(), summary(step, policy, bytes), bytes);
        ctx.approve(step.id(), root.key().tokenName(), bytes);
        byte[] p7s = PolicySignature.sign(bytes, root.key().token().signer(root.key().label(),
                root.key().algorithm().signatureAlgorithm()), root.certificate(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        PolicySignature.verify(bytes, p7s, root.certificate());
        ctx.transcript().append("signed", Transcript.payload().put("step", step.id()).put("token", root.key().tokenName())
                .put("tbs-sha256", Digests.sha256Hex(bytes)).put("signature-verified", true).put("tbs-matches-linted", true));
        ctx.writeRawOutput(step.id(), step.policyCopy(), bytes, Transcript.payload().put("format", "policy")
                .put("policy", policy.id()).put("version", policy.version()));
        ctx.writeRawOutput(step.id(), step.output(), p7s, Transcript.payload().put("format", "policy-signature")
                .put("policy-file", step.policyCopy()).put("issuer-file", root.outputFile()));
    }

    /** Checks before signing: the policy is valid, and fits any intermediate of this ceremony it names. */
    private static void lint(StepContext ctx, SignPolicy step, Policy policy, IssuerRef root, byte[] bytes)
            throws TrustLineException {
        List<String> passed = new ArrayList<>(List.of("policy-valid", "policy-environment"));
        List<String> failures = new ArrayList<>();
        for (org.bouncycastle.cert.X509CertificateHolder candidate : ctx.caCertificates()) {
            if (policy.issuer().matches(candidate)) {
                try {
                    Instant at = policy.notBefore().isAfter(Instant.now()) ? policy.notBefore() : Instant.now();
                    policy.checkUsableUnder(root.certificate(), candidate, at);
                    passed.add("policy-scope");
                } catch (TrustLineException e) {
                    failures.add("policy-scope: " + e.getMessage());
                }
            }
        }
        ObjectNode entry = Transcript.payload().put("step", step.id()).put("tbs-sha256", Digests.sha256Hex(bytes))
                .put("result", failures.isEmpty() ? "pass" : "fail");
        passed.forEach(entry.putArray("passed")::add);
        failures.forEach(entry.putArray("failures")::add);
        ctx.transcript().append("lints", entry);
        if (!failures.isEmpty()) {
            throw new TrustLineException("step '" + step.id() + "': " + String.join("; ", failures));
        }
    }

    private static String summary(SignPolicy step, Policy policy, byte[] bytes) {
        String sha = Digests.sha256Hex(bytes);
        return String.join(System.lineSeparator(),
                "== step '" + step.id() + "': policy to be signed by the root ==",
                "  policy:      " + policy.id() + " version " + policy.version() + " (" + policy.environment().name().toLowerCase(java.util.Locale.ROOT) + ")",
                "  valid:       " + policy.notBefore() + " .. " + policy.notAfter(),
                "  issuer:      " + policy.issuer().describe(),
                "  factory:     " + policy.factory() + ", stations " + String.join(", ", policy.stations()),
                "  limits:      " + policy.limits(),
                "  file sha256: " + sha,
                "  PGP words:   " + PgpWords.ofHex(sha));
    }
}
