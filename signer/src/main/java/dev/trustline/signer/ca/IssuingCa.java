package dev.trustline.signer.ca;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.x509.Digests;
import dev.trustline.core.x509.KeyAlgorithm;
import java.io.IOException;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * The signer's issuing intermediate: its certificate, the chain to the root, and the signing seam to
 * its key in the HSM. Built by {@link IssuingCaLoader}; pure once built.
 */
public final class IssuingCa {
    private final X509CertificateHolder root;
    private final X509CertificateHolder intermediate;
    private final TokenKeeper token;
    private final String keyLabel;
    private final KeyAlgorithm algorithm;
    private final String fingerprint;
    private volatile java.util.function.Consumer<java.time.Duration> signTimes = d -> { };

    IssuingCa(X509CertificateHolder root, X509CertificateHolder intermediate, TokenKeeper token, String keyLabel,
              KeyAlgorithm algorithm) {
        this.root = root;
        this.intermediate = intermediate;
        this.token = token;
        this.keyLabel = keyLabel;
        this.algorithm = algorithm;
        this.fingerprint = sha256(intermediate);
    }

    public X509CertificateHolder root() {
        return root;
    }

    public X509CertificateHolder intermediate() {
        return intermediate;
    }

    /** SHA-256 of the intermediate's DER certificate. */
    public String fingerprint() {
        return fingerprint;
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * A fresh signer over the intermediate's key in the HSM (ContentSigner instances are single-use
     * streams); {@link TokenKeeper.HsmUnavailable} while the token is lost.
     */
    public ContentSigner signer() throws TrustLineException {
        return new TimedSigner(token.signer(keyLabel, algorithm.signatureAlgorithm()), signTimes);
    }

    /** Reports how long each HSM signature took (metrics); the default ignores it. */
    public void onSign(java.util.function.Consumer<java.time.Duration> listener) {
        this.signTimes = java.util.Objects.requireNonNull(listener);
    }

    /** The HSM session keeper: report signing failures to it, ask it whether the token is usable. */
    public TokenKeeper token() {
        return token;
    }

    /** The chain a device needs: intermediate, then root. */
    public List<X509CertificateHolder> chain() {
        return List.of(intermediate, root);
    }

    static String sha256(X509CertificateHolder cert) {
        try {
            return Digests.sha256Hex(cert.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
