package dev.trustline.ceremony.steps;

import dev.trustline.ceremony.plan.Steps.CreateIntermediate;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.ceremony.steps.StepContext.IssuerRef;
import dev.trustline.ceremony.steps.StepContext.KeyRef;
import dev.trustline.core.TrustLineException;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/** create-intermediate: generate the intermediate's key in a token present here, then certify it. */
final class CreateIntermediateStep {
    private CreateIntermediateStep() {
    }

    static void run(CreateIntermediate step, StepContext ctx) throws TrustLineException {
        KeyRef key = GenerateKeyStep.generate(ctx, step.id(), step.token(), step.keyLabel(), step.algorithm());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
        X509CertificateHolder cert = IntermediateIssuance.issue(ctx, step.id(), step.issuerStep(), spki,
                step.profile(), step.output());
        ctx.putIssuer(step.id(), new IssuerRef(cert, key, step.output()));
    }
}
