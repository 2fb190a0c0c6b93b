package dev.trustline.core.lint;

import java.util.Objects;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/** A signed CRL to lint together with the CA certificate that issued it. */
public record CrlUnderLint(X509CRLHolder crl, X509CertificateHolder issuer) {
    public CrlUnderLint {
        Objects.requireNonNull(crl, "crl");
        Objects.requireNonNull(issuer, "issuer");
    }
}
