package dev.trustline.ceremony.steps;

import dev.trustline.ceremony.plan.Steps.GenerateKey;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.ceremony.steps.StepContext.KeyRef;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.GeneratedKey;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.x509.Digests;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** generate-key: a signing key inside a named token, with attribute evidence; writes the public key PEM. */
final class GenerateKeyStep {
    private GenerateKeyStep() {
    }

    static void run(GenerateKey step, StepContext ctx) throws TrustLineException {
        KeyRef key = generate(ctx, step.id(), step.token(), step.keyLabel(), step.algorithm());
        ctx.putKey(step.id(), key);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
        ctx.writeOutput(step.id(), step.output(), spki, Transcript.payload().put("format", "public-key"));
    }

    /** Shared with create-intermediate: generate, check the evidence, record it. */
    static KeyRef generate(StepContext ctx, String stepId, String tokenName, String label,
                           dev.trustline.core.x509.KeyAlgorithm algorithm) throws TrustLineException {
        HsmToken token = ctx.token(tokenName);
        ctx.confirmer().info("  generating " + algorithm.configName() + " key '" + label + "' in token '" + tokenName + "'");
        GeneratedKey key = token.generateKey(label, algorithm);
        var e = key.evidence();
        ctx.transcript().append("key-generated", Transcript.payload().put("step", stepId).put("token", tokenName)
                .put("token-label", token.identity().label()).put("token-serial", token.identity().serial())
                .put("key-label", label).put("algorithm", algorithm.configName())
                .put("public-key-sha256", Digests.sha256Hex(key.publicKey().getEncoded()))
                .put("local", e.local()).put("always-sensitive", e.alwaysSensitive())
                .put("never-extractable", e.neverExtractable()).put("sensitive", e.sensitive())
                .put("extractable", e.extractable()).put("token-object", e.tokenObject()).put("private", e.privateObject()));
        if (!e.sound()) {
            throw new TrustLineException("step '" + stepId + "': key '" + label + "' lacks the required attributes: " + e);
        }
        return new KeyRef(token, tokenName, label, algorithm, key.publicKey());
    }
}
