package dev.trustline.signer.issuance;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.lint.CertificateUnderLint;
import dev.trustline.core.lint.LintReport;
import dev.trustline.core.lint.LintRunner;
import dev.trustline.core.policy.LeafTemplate;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.x509.Bc;
import dev.trustline.core.x509.Serials;
import dev.trustline.core.x509.TbsSigner;
import dev.trustline.signer.ca.IssuingCa;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * One device certificate: built from the policy template only (the CSR gives just the key), linted on
 * a copy signed by a throwaway software key, signed once by the HSM, verified, and its signed TBS
 * compared with the linted one. Thread-safe.
 */
public final class LeafIssuer {
    private final IssuingCa ca;
    private final KeyPair lintKey;
    private final LintRunner lints;
    private final ContentVerifierProvider verifier;

    public LeafIssuer(IssuingCa ca) throws TrustLineException {
        this.ca = ca;
        try {
            this.lintKey = ca.algorithm().generate(null);
            this.verifier = new JcaContentVerifierProviderBuilder().setProvider(Bc.provider()).build(ca.intermediate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new TrustLineException("cannot prepare leaf issuance: " + e.getMessage(), e);
        }
        this.lints = LintRunner.preSigning(lintKey.getPublic());
    }

    public X509CertificateHolder issue(Policy policy, String deviceId, SubjectPublicKeyInfo key, Instant now)
            throws TrustLineException {
        TBSCertificate tbs = LeafTemplate.build(policy, deviceId, key, ca.intermediate(), Serials.random(), now,
                ca.algorithm().signatureAlgorithm());
        byte[] tbsDer = TbsSigner.der(tbs);
        lint(tbs, deviceId);
        X509CertificateHolder cert = sign(tbs, ca.signer());
        check(cert, tbsDer, deviceId);
        return cert;
    }

    private void lint(TBSCertificate tbs, String deviceId) throws TrustLineException {
        try {
            ContentSigner soft = new JcaContentSignerBuilder(ca.algorithm().signatureAlgorithm()).build(lintKey.getPrivate());
            X509CertificateHolder copy = TbsSigner.sign(tbs, soft);
            LintReport report = lints.run(new CertificateUnderLint(copy, ca.intermediate(), CertKind.LEAF));
            report.throwIfFailed();
        } catch (OperatorCreationException | IOException e) {
            throw new TrustLineException("device " + deviceId + ": cannot lint: " + e.getMessage(), e);
        }
    }

    private static X509CertificateHolder sign(TBSCertificate tbs, ContentSigner hsm) throws TrustLineException {
        try {
            return TbsSigner.sign(tbs, hsm);
        } catch (IOException | RuntimeException e) {
            throw new TrustLineException("HSM signing failed: " + e.getMessage(), e);
        }
    }

    private void check(X509CertificateHolder cert, byte[] lintedTbs, String deviceId) throws TrustLineException {
        try {
            if (!cert.isSignatureValid(verifier)) {
                throw new TrustLineException("device " + deviceId + ": the HSM's signature does not verify");
            }
        } catch (CertException e) {
            throw new TrustLineException("device " + deviceId + ": cannot verify the HSM's signature", e);
        }
        if (!Arrays.equals(TbsSigner.der(cert.toASN1Structure().getTBSCertificate()), lintedTbs)) {
            throw new TrustLineException("device " + deviceId + ": the signed TBS differs from the linted TBS");
        }
    }
}
