package dev.trustline.ceremony.steps;

import dev.trustline.ceremony.plan.Steps.ExistingCa;
import dev.trustline.ceremony.steps.StepContext.IssuerRef;
import dev.trustline.ceremony.steps.StepContext.KeyRef;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.x509.CaProfile;
import dev.trustline.core.x509.CaTbsBuilder;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.TbsSigner;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * existing-ca: a root from an earlier ceremony joins this one. In a run, its key must already be on the
 * token (same public key as the certificate). A rehearsal's throwaway token cannot hold it: a stand-in key
 * of the same label and type is generated there and a stand-in certificate with the same name, validity and
 * serial is self-signed by it, so every later step rehearses on the same code path. Either way the
 * certificate used is written as the step's output and an "existing-key" entry says which it was.
 */
final class ExistingCaStep {
    private ExistingCaStep() {
    }

    static void run(ExistingCa step, StepContext ctx) throws TrustLineException {
        X509CertificateHolder cert;
        KeyRef key;
        if (ctx.rehearsal()) {
            key = GenerateKeyStep.generate(ctx, step.id(), step.token(), step.keyLabel(), step.algorithm());
            cert = standIn(ctx, step, key);
        } else {
            HsmToken token = ctx.token(step.token());
            PublicKey onToken = token.publicKey(step.keyLabel());
            if (!Arrays.equals(onToken.getEncoded(), spki(step.certificate()))) {
                throw new TrustLineException("step '" + step.id() + "': key '" + step.keyLabel() + "' on token '" + step.token()
                        + "' is not the key of " + step.certificate().getSubject());
            }
            key = new KeyRef(token, step.token(), step.keyLabel(), step.algorithm(), onToken);
            cert = step.certificate();
        }
        ctx.transcript().append("existing-key", Transcript.payload().put("step", step.id()).put("token", step.token())
                .put("key-label", step.keyLabel()).put("public-key-sha256", Digests.sha256Hex(key.publicKey().getEncoded()))
                .put("certificate-sha256", Digests.sha256Hex(encoded(step.certificate())))
                .put("matches-certificate", !ctx.rehearsal()).put("stand-in", ctx.rehearsal()));
        ctx.confirmer().info("  " + (ctx.rehearsal() ? "stand-in for " : "found ") + step.certificate().getSubject()
                + " (key '" + step.keyLabel() + "' on token '" + step.token() + "')");
        ctx.writeOutput(step.id(), step.output(), cert, StepContext.certificateDetails(cert, CertKind.ROOT, null));
        ctx.putKey(step.id(), key);
        ctx.putIssuer(step.id(), new IssuerRef(cert, key, step.output()));
    }

    /** Same name, validity, path length and serial as the real root, over the stand-in key, self-signed by it. */
    private static X509CertificateHolder standIn(StepContext ctx, ExistingCa step, KeyRef key) throws TrustLineException {
        X509CertificateHolder real = step.certificate();
        CaProfile profile = dev.trustline.ceremony.plan.KeyLifePlanner.profileOf(ctx.ceremony().environment(), real);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
        try {
            return TbsSigner.sign(CaTbsBuilder.build(profile, spki, real.getSubject(), null, real.getSerialNumber(),
                    key.algorithm().signatureAlgorithm()), key.token().signer(key.label(), key.algorithm().signatureAlgorithm()));
        } catch (IOException e) {
            throw new TrustLineException("step '" + step.id() + "': cannot sign the stand-in certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] spki(X509CertificateHolder cert) throws TrustLineException {
        try {
            return cert.getSubjectPublicKeyInfo().getEncoded("DER");
        } catch (IOException e) {
            throw new TrustLineException("cannot encode a public key", e);
        }
    }

    private static byte[] encoded(X509CertificateHolder cert) throws TrustLineException {
        try {
            return cert.getEncoded();
        } catch (IOException e) {
            throw new TrustLineException("cannot encode a certificate", e);
        }
    }
}
