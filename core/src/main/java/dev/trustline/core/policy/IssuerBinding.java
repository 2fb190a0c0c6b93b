package dev.trustline.core.policy;

import dev.trustline.core.x509.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Which intermediate a policy is for: the SHA-256 of its DER certificate, or of its public key
 * (SubjectPublicKeyInfo DER). The key form lets a policy be written and signed in the same ceremony
 * that certifies a key the signer generated beforehand (its CSR fixes the key, not the certificate).
 */
public record IssuerBinding(Kind kind, String sha256) {
    public enum Kind {
        CERTIFICATE("certificate-sha256"), PUBLIC_KEY("public-key-sha256");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public boolean matches(X509CertificateHolder intermediate) {
        return sha256.equals(actual(intermediate));
    }

    public String actual(X509CertificateHolder intermediate) {
        try {
            byte[] der = kind == Kind.CERTIFICATE ? intermediate.getEncoded()
                    : intermediate.getSubjectPublicKeyInfo().getEncoded("DER");
            return Digests.sha256Hex(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** E.g. "certificate-sha256 40a0…". */
    public String describe() {
        return kind.field() + " " + sha256;
    }
}
