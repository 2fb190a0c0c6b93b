package dev.trustline.ceremony.steps;

import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.ceremony.steps.StepContext.IssuerRef;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.KeyIds;
import dev.trustline.core.x509.Serials;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/** Certifies an intermediate's public key under an issuer made earlier in this ceremony. */
final class IntermediateIssuance {
    private IntermediateIssuance() {
    }

    static X509CertificateHolder issue(StepContext ctx, String stepId, String issuerStep, SubjectPublicKeyInfo key,
                                       CaProfile profile, String output) throws TrustLineException {
        IssuerRef issuer = ctx.issuer(issuerStep);
        X509CertificateHolder issuerCert = issuer.certificate();
        byte[] issuerSki = KeyIds.ski(issuerCert.getSubjectPublicKeyInfo());
        TBSCertificate tbs = CaTbsBuilder.build(profile, key, issuerCert.getSubject(), issuerSki,
                Serials.random(), issuer.key().algorithm().signatureAlgorithm());
        X509CertificateHolder cert = SignOnce.certificate(ctx, stepId, tbs, issuer.key(), issuerCert, CertKind.INTERMEDIATE);
        ctx.addCaCertificate(cert);
        ctx.writeOutput(stepId, output, cert, StepContext.certificateDetails(cert, CertKind.INTERMEDIATE, issuer.outputFile()));
        return cert;
    }
}
