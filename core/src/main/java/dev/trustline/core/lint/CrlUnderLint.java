package dev.trustline.core.lint;

import java.io.IOException;
import java.util.Objects;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A signed CRL to lint together with the CA certificate that issued it.
 *
 * @param der the CRL's encoding exactly as it will be published, or null. When given (build it with
 *     {@link #encoded}, which parses {@code crl} from those bytes), the signature is checked over the
 *     TBSCertList bytes in it, as a relying party checks them, instead of over a re-encoding of the parsed
 *     CRL: for a CRL of a million entries that saves parsing and re-encoding every entry
 */
public record CrlUnderLint(X509CRLHolder crl, X509CertificateHolder issuer, byte[] der) {
    public CrlUnderLint {
        Objects.requireNonNull(crl, "crl");
        Objects.requireNonNull(issuer, "issuer");
        der = der == null ? null : der.clone();
    }

    public CrlUnderLint(X509CRLHolder crl, X509CertificateHolder issuer) {
        this(crl, issuer, null);
    }

    /** The CRL {@code der} encodes (parsed from it), to be linted as those very bytes. */
    public static CrlUnderLint encoded(byte[] der, X509CertificateHolder issuer) throws IOException {
        return new CrlUnderLint(new X509CRLHolder(der), issuer, der);
    }

    @Override
    public byte[] der() {
        return der == null ? null : der.clone();
    }

    /** The encoding without a copy, for the rules (which only read it). */
    byte[] encoding() {
        return der;
    }
}
