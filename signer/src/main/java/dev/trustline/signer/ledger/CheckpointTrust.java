package dev.trustline.signer.ledger;

import dev.trustline.core.chain.CanonicalJson;
import dev.trustline.core.x509.Bc;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Checks a checkpoint's signature up to a trusted root: {@code chain[0]} has the SHA-256
 * {@code issuerFingerprint}; each certificate of the chain is signed by the next, the last by
 * the root; the signature verifies under {@code chain[0]}'s key with {@code algorithm}, one of
 * {@link #ALGORITHMS}. The chain's certificates are then {@link #issuers() known issuers} for
 * checking device certificates.
 */
public final class CheckpointTrust {

    /** The signature algorithms a checkpoint may use (those of TrustLine's key types). */
    public static final Set<String> ALGORITHMS = Set.of("SHA256withECDSA", "SHA384withECDSA",
            "SHA256withRSA", "SHA384withRSA");

    private final X509CertificateHolder root;
    private final List<X509CertificateHolder> issuers = new ArrayList<>();

    public CheckpointTrust(X509CertificateHolder root) {
        this.root = root;
    }

    /** The certificates that signed verified checkpoints, each once. */
    public List<X509CertificateHolder> issuers() {
        return List.copyOf(issuers);
    }

    void verify(long seq, CheckpointEntry cp) throws LedgerProblem {
        List<X509CertificateHolder> chain = parse(seq, cp.chain());
        if (!CanonicalJson.sha256Hex(cp.chain().get(0)).equals(cp.issuerFingerprint())) {
            throw problem(seq, "issuerFingerprint is not the SHA-256 of chain[0]");
        }
        for (int i = 0; i < chain.size(); i++) {
            X509CertificateHolder issuer = i + 1 < chain.size() ? chain.get(i + 1) : root;
            if (!signedBy(chain.get(i), issuer)) {
                throw problem(seq, "chain[" + i + "] (" + chain.get(i).getSubject()
                        + ") is not signed by " + issuer.getSubject());
            }
        }
        if (!ALGORITHMS.contains(cp.algorithm())) {
            throw problem(seq, "unknown signature algorithm " + cp.algorithm());
        }
        if (!signatureValid(chain.get(0), cp)) {
            throw problem(seq, "checkpoint signature does not verify under " + chain.get(0)
                    .getSubject());
        }
        for (X509CertificateHolder c : chain) {
            if (!issuers.contains(c)) {
                issuers.add(c);
            }
        }
    }

    private static List<X509CertificateHolder> parse(long seq, List<byte[]> ders)
            throws LedgerProblem {
        List<X509CertificateHolder> certs = new ArrayList<>();
        for (int i = 0; i < ders.size(); i++) {
            try {
                certs.add(new X509CertificateHolder(ders.get(i)));
            } catch (IOException | RuntimeException e) {
                throw problem(seq, "chain[" + i + "] is not a DER certificate");
            }
        }
        return certs;
    }

    /** True if {@code cert} names {@code issuer} and its signature verifies under it. */
    public static boolean signedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            return cert.getIssuer().equals(issuer.getSubject()) && cert.isSignatureValid(
                    new JcaContentVerifierProviderBuilder().setProvider(Bc.provider())
                            .build(issuer));
        } catch (OperatorCreationException | CertException
                | java.security.cert.CertificateException e) {
            return false;
        }
    }

    private static boolean signatureValid(X509CertificateHolder cert, CheckpointEntry cp) {
        try {
            PublicKey key = new JcaX509CertificateConverter().setProvider(Bc.provider())
                    .getCertificate(cert).getPublicKey();
            Signature s = Signature.getInstance(cp.algorithm(), Bc.provider());
            s.initVerify(key);
            s.update(cp.signedBytes());
            return s.verify(cp.signature());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static LedgerProblem problem(long seq, String why) {
        return new LedgerProblem(seq, "ledger entry " + seq + ": " + why);
    }
}
