package dev.trustline.ceremony.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustline.ceremony.steps.StepContext;
import dev.trustline.ceremony.steps.StepContext.KeyRef;
import dev.trustline.ceremony.transcript.Transcript;
import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.lint.CertificateUnderLint;
import dev.trustline.core.lint.LintReport;
import dev.trustline.core.lint.LintRunner;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.TbsSigner;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Lint, confirm, sign once, verify: the TBS is signed by a throwaway software key of the issuer's key
 * type and linted; the operator confirms the TBS digest; the HSM signs those same bytes; the signature
 * is verified with the issuer's public key and the signed TBS compared byte for byte with the linted one.
 */
final class SignOnce {
    private SignOnce() {
    }

    static X509CertificateHolder certificate(StepContext ctx, String stepId, TBSCertificate tbs, KeyRef signingKey,
                                             X509CertificateHolder issuerCert, CertKind kind) throws TrustLineException {
        byte[] tbsDer = TbsSigner.der(tbs);
        lint(ctx, stepId, tbs, signingKey, issuerCert, kind);
        String key = dev.trustline.core.policy.KeyTypeRule.keyTypeName(tbs.getSubjectPublicKeyInfo());
        confirm(ctx, stepId, TbsSummary.of(stepId, tbs, key, tbsDer), tbsDer);
        ctx.approve(stepId, signingKey.tokenName(), tbsDer);
        X509CertificateHolder cert = hsmSign(signingKey, tbs, stepId);
        checkSigned(cert, tbsDer, signingKey, stepId);
        ctx.transcript().append("signed", Transcript.payload().put("step", stepId).put("token", signingKey.tokenName())
                .put("tbs-sha256", Digests.sha256Hex(tbsDer)).put("signature-verified", true).put("tbs-matches-linted", true));
        return cert;
    }

    private static void lint(StepContext ctx, String stepId, TBSCertificate tbs, KeyRef signingKey,
                             X509CertificateHolder issuerCert, CertKind kind) throws TrustLineException {
        KeyPair throwaway = throwawayKey(signingKey);
        X509CertificateHolder copy = softwareSign(tbs, throwaway, signingKey);
        LintReport report = LintRunner.preSigning(throwaway.getPublic())
                .run(new CertificateUnderLint(copy, issuerCert == null ? copy : issuerCert, kind));
        ArrayNode passed = Transcript.payload().putArray("passed");
        report.passedNames().forEach(passed::add);
        ObjectNode entry = Transcript.payload().put("step", stepId).put("tbs-sha256", Digests.sha256Hex(TbsSigner.der(tbs)))
                .put("result", report.passed() ? "pass" : "fail");
        entry.set("passed", passed);
        ArrayNode failures = entry.putArray("failures");
        report.failureMessages().forEach(failures::add);
        ctx.transcript().append("lints", entry);
        report.throwIfFailed();
        ctx.confirmer().info("  lints passed: " + String.join(", ", report.passedNames()));
    }

    private static KeyPair throwawayKey(KeyRef key) throws TrustLineException {
        try {
            return key.algorithm().generate(null);
        } catch (GeneralSecurityException e) {
            throw new TrustLineException("cannot make the throwaway lint key: " + e.getMessage(), e);
        }
    }

    private static X509CertificateHolder softwareSign(TBSCertificate tbs, KeyPair throwaway, KeyRef key)
            throws TrustLineException {
        try {
            return TbsSigner.sign(tbs, new JcaContentSignerBuilder(key.algorithm().signatureAlgorithm()).build(throwaway.getPrivate()));
        } catch (OperatorCreationException | IOException e) {
            throw new TrustLineException("cannot sign the lint copy: " + e.getMessage(), e);
        }
    }

    static void confirm(StepContext ctx, String stepId, String summary, byte[] tbsDer) throws TrustLineException {
        boolean yes = ctx.confirmer().confirm(stepId, summary);
        ctx.transcript().append("confirmation", Transcript.payload().put("step", stepId)
                .put("tbs-sha256", Digests.sha256Hex(tbsDer)).put("mode", ctx.confirmer().mode()).put("accepted", yes));
        if (!yes) {
            throw new CeremonyAbortedException("the operator did not confirm step '" + stepId + "'");
        }
    }

    private static X509CertificateHolder hsmSign(KeyRef key, TBSCertificate tbs, String stepId) throws TrustLineException {
        try {
            return TbsSigner.sign(tbs, key.token().signer(key.label(), key.algorithm().signatureAlgorithm()));
        } catch (IOException e) {
            throw new TrustLineException("step '" + stepId + "': HSM signing failed: " + e.getMessage(), e);
        }
    }

    private static void checkSigned(X509CertificateHolder cert, byte[] lintedTbs, KeyRef key, String stepId)
            throws TrustLineException {
        try {
            if (!cert.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(dev.trustline.core.x509.Bc.provider()).build(key.publicKey()))) {
                throw new TrustLineException("step '" + stepId + "': the HSM's signature does not verify");
            }
        } catch (OperatorCreationException | CertException e) {
            throw new TrustLineException("step '" + stepId + "': cannot verify the HSM's signature: " + e.getMessage(), e);
        }
        if (!Arrays.equals(TbsSigner.der(cert.toASN1Structure().getTBSCertificate()), lintedTbs)) {
            throw new TrustLineException("step '" + stepId + "': the signed TBS differs from the linted TBS");
        }
    }
}
