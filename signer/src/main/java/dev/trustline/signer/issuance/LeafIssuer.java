package dev.trustline.signer.issuance;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.ecdsa.IssuerSignature;
import dev.trustline.core.lint.CertKind;
import dev.trustline.core.lint.CertificateUnderLint;
import dev.trustline.core.lint.LintRunner;
import dev.trustline.core.policy.LeafTemplate;
import dev.trustline.core.policy.Policy;
import dev.trustline.core.x509.Serials;
import dev.trustline.core.x509.TbsSigner;
import dev.trustline.signer.ca.IssuingCa;
import java.io.IOException;
import java.time.Instant;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.operator.ContentSigner;

/**
 * One device certificate: built from the policy template only (the CSR gives just the key), the TBS linted as it
 * is (nothing is signed for the lints), signed once by the HSM, the HSM's signature verified under the issuer's
 * key over the exact linted bytes, and the signed certificate's TBS compared with the linted one. Together these
 * check what linting a throwaway-signed copy checked, without a second signature. Thread-safe.
 */
public final class LeafIssuer {
    private final IssuingCa ca;
    private final LintRunner lints = LintRunner.beforeSigning();
    private final SignatureCheck signatureCheck;

    public LeafIssuer(IssuingCa ca) throws TrustLineException {
        this.ca = ca;
        this.signatureCheck = new SignatureCheck(IssuerSignature.of(ca.intermediate()));
    }

    /** The signed certificate as an object and as the DER bytes to hand out (encoded once, from the linted TBS). */
    public TbsSigner.Signed issue(Policy policy, String deviceId, SubjectPublicKeyInfo key, Instant now)
            throws TrustLineException {
        TBSCertificate tbs = LeafTemplate.build(policy, deviceId, key, ca.intermediate(), Serials.random(), now,
                ca.algorithm().signatureAlgorithm());
        lints.run(CertificateUnderLint.unsigned(tbs, ca.intermediate(), CertKind.LEAF)).throwIfFailed();
        byte[] tbsDer = TbsSigner.der(tbs);
        TbsSigner.Signed cert = sign(tbs, tbsDer, ca.signer());
        signatureCheck.check(cert.holder(), cert.der(), tbsDer, deviceId);
        return cert;
    }

    private static TbsSigner.Signed sign(TBSCertificate tbs, byte[] tbsDer, ContentSigner hsm) throws TrustLineException {
        try {
            return TbsSigner.sign(tbs, tbsDer, hsm);
        } catch (IOException | RuntimeException e) {
            throw new TrustLineException("HSM signing failed: " + e.getMessage(), e);
        }
    }
}
