package dev.trustline.ceremony.steps;

import dev.trustline.ceremony.plan.Steps.CreateRoot;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.ceremony.steps.StepContext.IssuerRef;
import dev.trustline.ceremony.steps.StepContext.KeyRef;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.Serials;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/** create-root: a self-signed root certificate over a key made by an earlier generate-key step. */
final class CreateRootStep {
    private CreateRootStep() {
    }

    static void run(CreateRoot step, StepContext ctx) throws TrustLineException {
        KeyRef key = ctx.key(step.keyStep());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
        TBSCertificate tbs = CaTbsBuilder.build(step.profile(), spki, step.profile().subject(), null,
                Serials.random(), key.algorithm().signatureAlgorithm());
        X509CertificateHolder cert = SignOnce.certificate(ctx, step.id(), tbs, key, null, CertKind.ROOT);
        ctx.writeOutput(step.id(), step.output(), cert, StepContext.certificateDetails(cert, CertKind.ROOT, null));
        ctx.putIssuer(step.id(), new IssuerRef(cert, key, step.output()));
    }
}
