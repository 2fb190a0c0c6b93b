package dev.trustline.signer.issuance;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.ecdsa.IssuerSignature;
import dev.trustline.core.x509.DerSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What makes linting the TBS before signing as good as linting the signed certificate: the HSM's signature
 * verifies under the issuer's key over exactly the linted bytes, the outer algorithm is the TBS's, and the
 * certificate carries exactly the linted TBS. The issuer's key is set up once ({@link IssuerSignature}).
 */
final class SignatureCheck {
    private final IssuerSignature issuer;

    SignatureCheck(IssuerSignature issuer) {
        this.issuer = issuer;
    }

    /** As below, with the DER the holder encodes to. */
    void check(X509CertificateHolder cert, byte[] lintedTbs, String deviceId) throws TrustLineException {
        try {
            check(cert, cert.getEncoded(), lintedTbs, deviceId);
        } catch (java.io.IOException e) {
            throw new TrustLineException("device " + deviceId + ": cannot encode the certificate: " + e.getMessage(), e);
        }
    }

    /**
     * {@code der} is what will be stored and handed out; {@code cert} is the same certificate as an object. The
     * linted TBS must be exactly the first element of {@code der}, and the signature in {@code cert} must verify
     * over it.
     */
    void check(X509CertificateHolder cert, byte[] der, byte[] lintedTbs, String deviceId) throws TrustLineException {
        Certificate c = cert.toASN1Structure();
        if (!c.getSignatureAlgorithm().equals(c.getTBSCertificate().getSignature())) {
            throw new TrustLineException("device " + deviceId + ": the signature algorithm differs from the TBS's");
        }
        if (!issuer.verifies(c.getSignatureAlgorithm(), lintedTbs, c.getSignature().getOctets())) {
            throw new TrustLineException("device " + deviceId + ": the HSM's signature does not verify");
        }
        if (!DerSequence.startsWith(der, lintedTbs)) {
            throw new TrustLineException("device " + deviceId + ": the signed TBS differs from the linted TBS");
        }
    }
}
