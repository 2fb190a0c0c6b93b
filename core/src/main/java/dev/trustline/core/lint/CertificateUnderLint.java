package dev.trustline.core.lint;

import java.util.Objects;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A certificate to lint, together with its issuer certificate. For a self-signed root, {@code issuer} is the
 * certificate itself. Either signed (by the real issuer when an auditor re-runs the lints, or by a throwaway key
 * of the issuer's key type before a ceremony signs), or, before the signer's HSM signs, the TBS itself: then
 * {@code signed} is false, the certificate carries the TBS signature algorithm outside and an empty signature,
 * and the signature itself is checked after signing (see {@link SignatureAlgorithmLint}).
 */
public record CertificateUnderLint(X509CertificateHolder certificate, X509CertificateHolder issuer, CertKind kind,
                                   boolean signed) {
    public CertificateUnderLint {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(kind, "kind");
    }

    /** A signed certificate. */
    public CertificateUnderLint(X509CertificateHolder certificate, X509CertificateHolder issuer, CertKind kind) {
        this(certificate, issuer, kind, true);
    }

    /**
     * The TBS about to be signed, linted as it is: no throwaway signature is made. Every lint reads the same
     * fields it reads on a signed certificate; only the signature's verification is left to the caller, who
     * must verify the real signature and compare the signed TBS with this one.
     */
    public static CertificateUnderLint unsigned(TBSCertificate tbs, X509CertificateHolder issuer, CertKind kind) {
        ASN1EncodableVector v = new ASN1EncodableVector(3);
        v.add(tbs);
        v.add(tbs.getSignature());
        v.add(new DERBitString(new byte[0]));
        return new CertificateUnderLint(new X509CertificateHolder(Certificate.getInstance(new DERSequence(v))), issuer,
                kind, false);
    }

    public boolean selfSigned() {
        return kind == CertKind.ROOT;
    }
}
