package dev.trustline.ceremony.steps;

import dev.trustline.ceremony.plan.Steps.CrossSign;
import dev.trustline.ceremony.steps.StepContext.IssuerRef;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.Serials;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * cross-sign: a root certifies another root's key under that root's own name (a link certificate of a
 * rollover: old -> new lets devices that trust the old root accept chains of the new one, new -> old the
 * reverse). Linted, confirmed, approved and signed like every certificate; written as an intermediate
 * (a CA certificate issued by another CA) with the issuer's output as its issuer file.
 */
final class CrossSignStep {
    private CrossSignStep() {
    }

    static void run(CrossSign step, StepContext ctx) throws TrustLineException {
        IssuerRef issuer = ctx.issuer(step.issuerStep());
        IssuerRef subject = ctx.issuer(step.subjectStep());
        X509CertificateHolder issuerCert = issuer.certificate();
        TBSCertificate tbs = CaTbsBuilder.build(step.profile(), subject.certificate().getSubjectPublicKeyInfo(), issuerCert.getSubject(),
                KeyIds.ski(issuerCert.getSubjectPublicKeyInfo()), Serials.random(), issuer.key().algorithm().signatureAlgorithm());
        X509CertificateHolder cert = SignOnce.certificate(ctx, step.id(), tbs, issuer.key(), issuerCert, CertKind.INTERMEDIATE);
        ctx.writeOutput(step.id(), step.output(), cert, StepContext.certificateDetails(cert, CertKind.INTERMEDIATE, issuer.outputFile()));
    }
}
