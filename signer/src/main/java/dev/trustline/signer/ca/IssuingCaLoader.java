package dev.trustline.signer.ca;

import dev.trustline.core.TrustLineException;
import dev.trustline.core.hsm.HsmToken;
import dev.trustline.core.x509.Bc;
import dev.trustline.core.x509.KeyAlgorithm;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.core.x509.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Reads the trust anchor and the intermediate from disk, opens the HSM, and refuses to go on unless
 * the intermediate chains to the root, is a valid CA now, and the token's key is the intermediate's key
 * (same public key, and a challenge it signs verifies under the certificate).
 */
public final class IssuingCaLoader {
    private IssuingCaLoader() {
    }

    public static IssuingCa load(SignerConfig config, Instant now) throws TrustLineException {
        return load(config, now, null);
    }

    /**
     * As {@link #load(SignerConfig, Instant)}, logging in with {@code pin} (an unsealed signer's) instead of hsm.pin.
     * A copy of that PIN stays in memory for as long as the signer runs, so that the session keeper can log in again
     * after the token was lost (a sealed signer has no hsm.pin file to read, and the officers are gone by then); the
     * logged-in session gives the same power as the PIN while the process lives.
     */
    public static IssuingCa load(SignerConfig config, Instant now, char[] pin) throws TrustLineException {
        X509CertificateHolder root = Pem.certificate(config.trust().root());
        X509CertificateHolder intermediate = Pem.certificate(config.trust().intermediate());
        checkChain(root, intermediate, now, config);
        RevocationCheck.refuseRevoked(config.trust().crl(), root, intermediate, now);
        HsmToken token = pin != null ? HsmToken.open(config.hsm().module(), config.hsm().tokenLabel(), pin) : open(config);
        KeyAlgorithm algorithm = algorithmOf(intermediate);
        checkKeyMatches(token, config.hsm().keyLabel(), algorithm, intermediate);
        char[] unsealed = pin == null ? null : pin.clone();
        TokenKeeper keeper = new TokenKeeper(token, () -> {
            HsmToken again = unsealed != null ? HsmToken.open(config.hsm().module(), config.hsm().tokenLabel(), unsealed)
                    : open(config);
            checkKeyMatches(again, config.hsm().keyLabel(), algorithm, intermediate);
            return again;
        }, t -> checkKeyMatches(t, config.hsm().keyLabel(), algorithm, intermediate));
        return new IssuingCa(root, intermediate, keeper, config.hsm().keyLabel(), algorithm);
    }

    static void checkChain(X509CertificateHolder root, X509CertificateHolder intermediate, Instant now, SignerConfig c)
            throws TrustLineException {
        if (!verifies(intermediate, root)) {
            throw new TrustLineException(c.trust().intermediate() + " (" + intermediate.getSubject() + ") is not signed by the root "
                    + c.trust().root() + " (" + root.getSubject() + ")");
        }
        if (!verifies(root, root)) {
            throw new TrustLineException(c.trust().root() + " is not a self-signed root");
        }
        for (X509CertificateHolder cert : new X509CertificateHolder[] {root, intermediate}) {
            if (!cert.isValidOn(java.util.Date.from(now))) {
                throw new TrustLineException(cert.getSubject() + " is not valid now (" + cert.getNotBefore().toInstant()
                        + " .. " + cert.getNotAfter().toInstant() + ")");
            }
        }
    }

    public static boolean verifies(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            return cert.getIssuer().equals(issuer.getSubject())
                    && cert.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Bc.provider()).build(issuer));
        } catch (OperatorCreationException | CertException | java.security.cert.CertificateException e) {
            return false;
        }
    }

    private static HsmToken open(SignerConfig config) throws TrustLineException {
        if (config.hsm().pin() == null) {
            throw new TrustLineException("the signer is sealed (hsm.quorum): its PIN comes only from the officers (bin/signer unseal)");
        }
        char[] pin = config.hsm().pin().read(config.baseDir());
        try {
            return HsmToken.open(config.hsm().module(), config.hsm().tokenLabel(), pin);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static KeyAlgorithm algorithmOf(X509CertificateHolder cert) throws TrustLineException {
        SubjectPublicKeyInfo spki = cert.getSubjectPublicKeyInfo();
        String name = dev.trustline.core.policy.KeyTypeRule.keyTypeName(spki);
        return KeyAlgorithm.fromConfigName(name).orElseThrow(() ->
                new TrustLineException("the intermediate's key type " + name + " is not one the signer can use"));
    }

    private static void checkKeyMatches(HsmToken token, String label, KeyAlgorithm algorithm, X509CertificateHolder cert)
            throws TrustLineException {
        PublicKey onToken = token.publicKey(label);
        if (!Arrays.equals(onToken.getEncoded(), spkiDer(cert))) {
            throw new TrustLineException("key '" + label + "' in token '" + token.identity().label()
                    + "' is not the key of the intermediate " + cert.getSubject());
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        ContentSigner signer = token.signer(label, algorithm.signatureAlgorithm());
        try (OutputStream out = signer.getOutputStream()) {
            out.write(challenge);
            Signature verify = Signature.getInstance(algorithm.signatureAlgorithm());
            verify.initVerify(new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(cert).getPublicKey());
            out.flush();
            verify.update(challenge);
            if (!verify.verify(signer.getSignature())) {
                throw new TrustLineException("key '" + label + "' does not sign for the intermediate " + cert.getSubject());
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new TrustLineException("cannot check key '" + label + "' against the intermediate: " + e.getMessage(), e);
        }
    }

    private static byte[] spkiDer(X509CertificateHolder cert) throws TrustLineException {
        try {
            return cert.getSubjectPublicKeyInfo().getEncoded("DER");
        } catch (IOException e) {
            throw new TrustLineException("cannot encode the intermediate's public key", e);
        }
    }

}
