package dev.trustline.core.hsm;

import dev.trustline.core.x509.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a key pair inside the token (private key: token object, sensitive, unextractable, sign
 * only), names it, and reads the attributes back as evidence. SunPKCS11 can only name a key by
 * storing it with a certificate, so a placeholder certificate for the new public key is stored beside
 * it (signed by a throwaway software key, so the new key itself signs nothing outside the ceremony);
 * it also keeps the public key on the token.
 */
final class KeyGeneration {
    private final HsmToken token;
    private final KeyStore keyStore;
    private final Provider provider;
    private final KeyAttributes attributes;

    KeyGeneration(HsmToken token, KeyStore keyStore, Provider provider, KeyAttributes attributes) {
        this.token = token;
        this.keyStore = keyStore;
        this.provider = provider;
        this.attributes = attributes;
    }

    GeneratedKey generate(String label, KeyAlgorithm algorithm) throws HsmException {
        if (token.hasKey(label)) {
            throw new HsmException("token '" + token.identity().label() + "' already has a key labelled '" + label + "'");
        }
        KeyPair pair;
        try {
            pair = algorithm.generate(provider);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new HsmException("key generation (" + algorithm.configName() + ") failed on token '"
                    + token.identity().label() + "': " + HsmToken.rootMessage(e), e);
        }
        store(label, pair, algorithm);
        attributes.labelPrivateKey(label);
        return new GeneratedKey(label, pair.getPublic(), attributes.evidence(label));
    }

    private void store(String label, KeyPair pair, KeyAlgorithm algorithm) throws HsmException {
        try {
            X509Certificate placeholder = placeholder(label, pair, algorithm);
            keyStore.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {placeholder});
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new HsmException("cannot store key '" + label + "' on token '" + token.identity().label()
                    + "' (an unnamed key may remain on the token): " + HsmToken.rootMessage(e), e);
        }
    }

    private X509Certificate placeholder(String label, KeyPair pair, KeyAlgorithm algorithm)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=TrustLine key placeholder " + label.replaceAll("[,+=\"\\\\<>;#]", "_"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), name, pair.getPublic());
        // signed by a throwaway software key, not the new key: a CA key signs nothing outside the ceremony
        KeyPair throwaway = algorithm.generate(null);
        var signer = new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(throwaway.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
