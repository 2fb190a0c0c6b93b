package dev.trustline.core.policy;

import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What the leaf template reads from the issuing certificate (validity, subjectKeyIdentifier, the hashes a policy's
 * issuer binding names), worked out once per certificate object rather than once per device: a signer issues
 * thousands of certificates from one intermediate, and each of these reads decodes or encodes ASN.1. The
 * certificate holder is immutable, so the facts of the last one seen are kept and reused when the same object
 * comes again.
 */
final class IssuerFacts {
    private static final AtomicReference<IssuerFacts> LAST = new AtomicReference<>();

    final X509CertificateHolder cert;
    final Instant notBefore;
    final Instant notAfter;
    private final byte[] ski;
    private final String certificateSha256;
    private final String publicKeySha256;

    private IssuerFacts(X509CertificateHolder cert) {
        this.cert = cert;
        this.notBefore = cert.getNotBefore().toInstant();
        this.notAfter = cert.getNotAfter().toInstant();
        Extension e = cert.getExtension(Extension.subjectKeyIdentifier);
        this.ski = e == null ? null : SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier();
        try {
            this.certificateSha256 = Digests.sha256Hex(cert.getEncoded());
            this.publicKeySha256 = Digests.sha256Hex(cert.getSubjectPublicKeyInfo().getEncoded("DER"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static IssuerFacts of(X509CertificateHolder cert) {
        IssuerFacts last = LAST.get();
        if (last != null && last.cert == cert) {
            return last;
        }
        IssuerFacts facts = new IssuerFacts(cert);
        LAST.set(facts);
        return facts;
    }

    /** The issuer's subjectKeyIdentifier, or null when it has none. */
    byte[] ski() {
        return ski == null ? null : ski.clone();
    }

    boolean matches(IssuerBinding binding) {
        return binding.sha256().equals(binding.kind() == IssuerBinding.Kind.CERTIFICATE ? certificateSha256 : publicKeySha256);
    }
}
