package dev.trustline.core.lint;

import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A certificate to lint, signed (by a throwaway key of the issuer's key type before the HSM signs, or
 * by the real issuer when an auditor re-runs the lints), together with its issuer certificate. For a
 * self-signed root, {@code issuer} is the certificate itself.
 */
public record CertificateUnderLint(X509CertificateHolder certificate, X509CertificateHolder issuer, CertKind kind) {
    public CertificateUnderLint {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean selfSigned() {
        return kind == CertKind.ROOT;
    }
}
